package dev.pgpipe.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JobRunnerTest {

  private static final Duration TICK = Duration.ofMillis(1);

  /** Counts up until stopped (or fails once it reached {@code failAt}). */
  private static final class Counting implements Job<Long> {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong count = new AtomicLong();
    private final long failAt;

    Counting(long failAt) {
      this.failAt = failAt;
    }

    @Override
    public Outcome<Long> run() {
      while (stopped.getCount() > 0) {
        if (count.incrementAndGet() == failAt) {
          throw new IllegalStateException("failed at " + failAt);
        }
        Thread.onSpinWait();
      }
      return new Outcome<>(StopReason.INTERRUPTED, count.get());
    }

    @Override
    public void stop() {
      stopped.countDown();
    }

    @Override
    public Long stats() {
      return count.get();
    }
  }

  @Test
  void stopsTheJobWhenTheWatcherNamesAReasonAndReportsThatReason() {
    Counting job = new Counting(-1);
    List<Long> reported = new ArrayList<>();

    Outcome<Long> outcome =
        JobRunner.run(
            job, "test-job", TICK, reported::add, n -> n >= 1000 ? StopReason.IDLE : null);

    assertThat(outcome.reason()).isEqualTo(StopReason.IDLE);
    assertThat(outcome.stats()).isGreaterThanOrEqualTo(1000L);
    assertThat(reported).isNotEmpty().last().isNotNull();
  }

  @Test
  void returnsTheJobsOwnOutcomeWhenItStopsByItself() {
    Counting job = new Counting(-1);
    job.stop();

    Outcome<Long> outcome = JobRunner.run(job, "test-job", TICK, n -> {}, n -> null);

    assertThat(outcome.reason()).isEqualTo(StopReason.INTERRUPTED);
  }

  @Test
  void rethrowsWhatTheJobFailedWithOnTheCallingThread() {
    assertThatThrownBy(() -> JobRunner.run(new Counting(50), "test-job", TICK, n -> {}, n -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("failed at 50");
  }
}
