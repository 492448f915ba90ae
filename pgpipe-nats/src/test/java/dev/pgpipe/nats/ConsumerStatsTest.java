package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The consumer's lag: what the status line and {@code pgpipe_jetstream_consumer_lag_seconds} show.
 */
class ConsumerStatsTest {

  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  private static ConsumerStats stats(long pending, @Nullable Instant lastCommit) {
    return new ConsumerStats(1, 1, 1, 0, 0, 0, pending, lastCommit);
  }

  @Test
  void caughtUpIsZeroHoweverLongAgoTheLastCommitWas() {
    assertThat(stats(0, NOW.minus(Duration.ofHours(3))).lag(NOW)).contains(Duration.ZERO);
    assertThat(stats(0, null).lag(NOW)).contains(Duration.ZERO);
  }

  @Test
  void behindIsTheAgeOfTheLastTransactionApplied() {
    assertThat(stats(12, NOW.minusMillis(2_500)).lag(NOW)).contains(Duration.ofMillis(2_500));
  }

  @Test
  void unknownBeforeTheFirstCommitWhileMessagesWait() {
    assertThat(stats(5, null).lag(NOW)).isEmpty();
  }

  @Test
  void aSourceClockAheadOfOursIsNoNegativeLag() {
    assertThat(stats(1, NOW.plusSeconds(2)).lag(NOW)).contains(Duration.ZERO);
  }
}
