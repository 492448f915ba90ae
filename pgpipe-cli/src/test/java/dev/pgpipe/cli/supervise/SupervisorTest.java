package dev.pgpipe.cli.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.Job;
import dev.pgpipe.cdc.Outcome;
import dev.pgpipe.cdc.StopReason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SupervisorTest {

  /** Counts its steps until stopped, or until {@code last} when it ends by itself. */
  private static final class Steps implements Job<Long> {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong steps = new AtomicLong();
    private final long last;

    Steps(long last) {
      this.last = last;
    }

    @Override
    public Outcome<Long> run() {
      while (stopped.getCount() > 0 && steps.get() != last) {
        steps.incrementAndGet();
        Thread.onSpinWait();
      }
      return new Outcome<>(StopReason.FINISHED, steps.get());
    }

    @Override
    public void stop() {
      stopped.countDown();
    }

    @Override
    public Long stats() {
      return steps.get();
    }
  }

  private final StringWriter err = new StringWriter();

  @Test
  void printsStatusLinesAndTheSummaryWithTheReasonTheWatcherGave() {
    try (Supervisor supervisor = Supervisor.start(new PrintWriter(err), "pgpipe test", grace())) {
      Outcome<Long> done =
          supervisor.run(
              new Steps(-1),
              Duration.ofMillis(1),
              n -> "at step " + n,
              n -> n > 10_000 ? StopReason.IDLE : null);
      supervisor.summary(done.reason(), " after the steps");
    }

    assertThat(err.toString())
        .startsWith("pgpipe test: at step ")
        .endsWith("pgpipe test: stopped (idle) after the steps" + System.lineSeparator());
  }

  @Test
  void aJobThatEndsByItselfIsFinishedAndPrintsNoStatusWithoutAnInterval() {
    try (Supervisor supervisor = Supervisor.start(new PrintWriter(err), "pgpipe test", grace())) {
      Outcome<Long> done = supervisor.run(new Steps(3));
      supervisor.summary(done.reason(), " after " + done.stats() + " steps");
    }

    assertThat(err.toString())
        .isEqualTo("pgpipe test: finished after 3 steps" + System.lineSeparator());
  }

  @Test
  void rejectsAStatusIntervalThatIsNotPositive() {
    try (Supervisor supervisor = Supervisor.start(new PrintWriter(err), "pgpipe test", grace())) {
      assertThatThrownBy(() -> supervisor.run(new Steps(1), Duration.ZERO, n -> "", n -> null))
          .hasMessage("--status-interval must be > 0: PT0S");
    }
  }

  private static Duration grace() {
    return Duration.ofSeconds(1);
  }
}
