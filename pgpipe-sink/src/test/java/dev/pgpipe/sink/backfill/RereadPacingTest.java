package dev.pgpipe.sink.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reading a chunk again: at once a few times, then waits doubling to a second, and warnings. */
class RereadPacingTest {

  @Test
  void readsAgainAtOnceThenWaitsLongerUpToASecond() {
    assertThat(RereadPacing.delay(1)).isZero();
    assertThat(RereadPacing.delay(RereadPacing.AT_ONCE)).isZero();
    assertThat(RereadPacing.delay(RereadPacing.AT_ONCE + 1)).isEqualTo(Duration.ofMillis(10));
    assertThat(RereadPacing.delay(RereadPacing.AT_ONCE + 2)).isEqualTo(Duration.ofMillis(20));
    assertThat(RereadPacing.delay(RereadPacing.AT_ONCE + 8)).isEqualTo(Duration.ofSeconds(1));
    assertThat(RereadPacing.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void warnsOnTheFirstWaitAndThenEveryWarnEveryReads() {
    int first = RereadPacing.AT_ONCE + 1;
    assertThat(RereadPacing.warns(RereadPacing.AT_ONCE)).isFalse();
    assertThat(RereadPacing.warns(first)).isTrue();
    assertThat(RereadPacing.warns(first + 1)).isFalse();
    assertThat(RereadPacing.warns(first + RereadPacing.WARN_EVERY - 1)).isFalse();
    assertThat(RereadPacing.warns(first + RereadPacing.WARN_EVERY)).isTrue();
    assertThat(RereadPacing.warns(first + RereadPacing.WARN_EVERY + 1)).isFalse();
  }

  @Test
  void countsFromOne() {
    assertThatThrownBy(() -> RereadPacing.delay(0)).hasMessageContaining("from 1: 0");
    assertThatThrownBy(() -> RereadPacing.warns(0)).hasMessageContaining("from 1: 0");
  }
}
