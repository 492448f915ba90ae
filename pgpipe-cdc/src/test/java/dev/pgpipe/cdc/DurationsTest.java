package dev.pgpipe.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void readsTheUnitsPeopleWrite() {
    assertThat(Durations.parse("500ms", "x")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse(" 5s ", "x")).isEqualTo(Duration.ofSeconds(5));
    assertThat(Durations.parse("2m", "x")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("168h", "x")).isEqualTo(Duration.ofHours(168));
    assertThat(Durations.parse("7", "x")).isEqualTo(Duration.ofSeconds(7));
    assertThat(Durations.parse("PT1M30S", "x")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void badTextNamesTheSettingAndTheText() {
    assertThatThrownBy(() -> Durations.parse("soon", "POSTGRES_INPUT_BATCH_TIMEOUT"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("POSTGRES_INPUT_BATCH_TIMEOUT")
        .hasMessageContaining("'soon'");
  }
}
