package dev.pgpipe.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Each stop rule at its limit, one nanosecond before it, and the order in which they are asked. */
class StopRulesTest {

  private static final Duration NS = Duration.ofNanos(1);

  private final FakeTicker ticker = new FakeTicker();

  @Test
  void maxTransactionsStopsAtTheLimitAndNotBefore() {
    StopRules rules = new StopRules(() -> false, 4, null, null, ticker);

    assertThat(rules.stop(3, 3)).isFalse();
    assertThat(rules.reason()).isNull();
    assertThat(rules.stop(4, 4)).isTrue();
    assertThat(rules.reason()).isEqualTo(StopReason.MAX_TRANSACTIONS);
  }

  @Test
  void zeroTransactionsMeansNoLimit() {
    StopRules rules = new StopRules(() -> false, 0, null, null, ticker);

    assertThat(rules.stop(Long.MAX_VALUE, 1)).isFalse();
  }

  @Test
  void maxDurationStopsWhenItHasPassedExactly() {
    StopRules rules = new StopRules(() -> false, 0, null, Duration.ofSeconds(1), ticker);

    ticker.advance(Duration.ofSeconds(1).minus(NS));
    assertThat(rules.stop(0, 1)).isFalse();
    ticker.advance(NS);
    assertThat(rules.stop(0, 2)).isTrue();
    assertThat(rules.reason()).isEqualTo(StopReason.MAX_DURATION);
  }

  @Test
  void idleStopsWhenProgressStoodStillForTheLimitAndProgressResetsIt() {
    StopRules rules = new StopRules(() -> false, 0, Duration.ofSeconds(1), null, ticker);
    assertThat(rules.stop(0, 5)).isFalse();

    ticker.advance(Duration.ofSeconds(1).minus(NS));
    assertThat(rules.stop(0, 5)).isFalse();
    assertThat(rules.stop(0, 6)).as("progress restarts the idle time").isFalse();
    ticker.advance(Duration.ofSeconds(1).minus(NS));
    assertThat(rules.stop(0, 6)).isFalse();
    ticker.advance(NS);
    assertThat(rules.stop(0, 6)).isTrue();
    assertThat(rules.reason()).isEqualTo(StopReason.IDLE);
  }

  @Test
  void aRequestWinsOverEveryOtherRule() {
    AtomicBoolean requested = new AtomicBoolean();
    StopRules rules = new StopRules(requested::get, 1, NS, NS, ticker);
    requested.set(true);
    ticker.advance(Duration.ofSeconds(5));

    assertThat(rules.stop(1, 0)).isTrue();
    assertThat(rules.reason()).isEqualTo(StopReason.INTERRUPTED);
  }

  @Test
  void limitsThatCannotWorkAreRefusedNamingTheFlag() {
    assertThatThrownBy(() -> new StopRules(() -> false, 0, null, Duration.ZERO, ticker))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--max-duration must be > 0: PT0S");
    assertThatThrownBy(() -> new StopRules(() -> false, 0, Duration.ofSeconds(-1), null, ticker))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--idle-exit must be > 0: PT-1S");
  }
}
