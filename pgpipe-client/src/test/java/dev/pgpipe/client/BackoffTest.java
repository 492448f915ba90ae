package dev.pgpipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Backoff TEN_MS_TO_ONE_S =
      Backoff.exponential(Duration.ofMillis(10), Duration.ofSeconds(1));

  @Test
  void doublesFromTheInitialDelayUpToTheCap() {
    assertThat(List.of(1, 2, 3, 7, 8, 100, Integer.MAX_VALUE))
        .map(TEN_MS_TO_ONE_S::delayAfter)
        .containsExactly(
            Duration.ofMillis(10),
            Duration.ofMillis(20),
            Duration.ofMillis(40),
            Duration.ofMillis(640),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));
  }

  @Test
  void equalJitterWaitsBetweenHalfAndAllOfTheExponentialDelay() {
    Backoff jittered = TEN_MS_TO_ONE_S.withJitter(Backoff.EQUAL_JITTER);

    assertThat(jittered.delayAfter(3, 0.0)).isEqualTo(Duration.ofMillis(40));
    assertThat(jittered.delayAfter(3, 0.5)).isEqualTo(Duration.ofMillis(30));
    assertThat(jittered.delayAfter(3, 0.999_999))
        .isBetween(Duration.ofMillis(20), Duration.ofMillis(21));
    for (int i = 0; i < 100; i++) {
      assertThat(jittered.delayAfter(3)).isBetween(Duration.ofMillis(20), Duration.ofMillis(40));
    }
  }

  @Test
  void zeroDelaysStayZero() {
    assertThat(Backoff.exponential(Duration.ZERO, Duration.ZERO).delayAfter(5)).isZero();
    assertThat(Backoff.never().maxAttempts()).isEqualTo(1);
  }

  @Test
  void rejectsSettingsThatMakeNoSense() {
    assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("initialDelay <= maxDelay");
    assertThatThrownBy(() -> TEN_MS_TO_ONE_S.withJitter(1.5)).hasMessageContaining("1.5");
    assertThatThrownBy(() -> TEN_MS_TO_ONE_S.withMaxAttempts(0)).hasMessageContaining("0");
    assertThatThrownBy(() -> TEN_MS_TO_ONE_S.delayAfter(0)).hasMessageContaining("from 1");
  }

  @Test
  void attemptsStopAtTheAttemptLimitAndWaitTheDelaysInOrder() throws InterruptedException {
    List<Duration> waits = new ArrayList<>();
    Attempts attempts = TEN_MS_TO_ONE_S.withMaxAttempts(4).start(() -> 0L);

    while (attempts.failed()) {
      attempts.pause(waits::add);
    }

    assertThat(attempts.failures()).isEqualTo(4);
    assertThat(waits)
        .containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40));
  }

  @Test
  void attemptsStopOnceTheDeadlinePassedOnTheTicker() throws InterruptedException {
    FakeTime time = new FakeTime();
    Attempts attempts = TEN_MS_TO_ONE_S.withMaxElapsed(Duration.ofMillis(100)).start(time);

    int made = 1;
    while (attempts.failed()) {
      attempts.pause(time);
      made++;
    }

    // Fails at 0, 10, 30, 70 ms (all within 100 ms) and at 150 ms, past it.
    assertThat(made).isEqualTo(5);
    assertThat(time.waits)
        .containsExactly(
            Duration.ofMillis(10),
            Duration.ofMillis(20),
            Duration.ofMillis(40),
            Duration.ofMillis(80));
  }

  @Test
  void resetStartsANewSeriesWithTheShortestDelayAndAFreshDeadline() throws InterruptedException {
    FakeTime time = new FakeTime();
    Attempts attempts = TEN_MS_TO_ONE_S.withMaxElapsed(Duration.ofMillis(25)).start(time);
    attempts.failed();
    attempts.pause(time);
    attempts.failed();
    attempts.pause(time);
    time.nanos += Duration.ofHours(1).toNanos();

    attempts.reset();

    assertThat(attempts.failed()).isTrue();
    assertThat(attempts.nextDelay()).isEqualTo(Duration.ofMillis(10));
  }

  /** A ticker that a sleeper moves forward, recording every wait. */
  static final class FakeTime implements Ticker, Sleeper {
    final List<Duration> waits = new ArrayList<>();
    long nanos;

    @Override
    public long nanoTime() {
      return nanos;
    }

    @Override
    public void sleep(Duration duration) {
      waits.add(duration);
      nanos += duration.toNanos();
    }
  }
}
