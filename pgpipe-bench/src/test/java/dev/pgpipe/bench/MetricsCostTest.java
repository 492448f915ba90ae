package dev.pgpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsCostTest {

  @Test
  void theRatioIsOfTheMediansSoThatOneNoisyRoundDoesNotDecideIt() {
    MetricsCost cost = new MetricsCost(List.of(100.0, 300.0, 98.0), List.of(97.0, 10.0, 99.0));

    assertThat(cost.ratio()).isCloseTo(97.0 / 100.0, within(1e-9));
    assertThat(cost.line("a path", "x/s"))
        .contains("on / off = 0.970", "met")
        .doesNotContain("NOT met");
  }

  @Test
  void anEvenNumberOfRoundsTakesTheMeanOfTheMiddleTwo() {
    assertThat(MetricsCost.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(new MetricsCost(List.of(100.0), List.of(96.0)).line("a path", "x/s"))
        .contains("NOT met");
  }

  @Test
  void needsARoundEachWay() {
    assertThatThrownBy(() -> new MetricsCost(List.of(), List.of(1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one round");
  }
}
