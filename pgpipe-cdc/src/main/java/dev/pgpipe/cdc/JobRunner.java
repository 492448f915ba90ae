package dev.pgpipe.cdc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link Job} on its own platform thread while the calling thread watches it: every {@code
 * interval} it hands the job's counters to {@code report} and asks {@code stopWhen}; once that
 * names a reason, the job is {@linkplain Job#stop() stopped} (it makes what it holds durable and
 * acknowledges it) and that reason is the outcome's. A failure of the job is rethrown on the
 * calling thread. Used by the command line's supervisor and by the end-to-end benchmarks.
 */
public final class JobRunner {

  private static final Duration STOP_WAIT = Duration.ofSeconds(60);

  private JobRunner() {}

  /**
   * Runs {@code job} until it returns or {@code stopWhen} names a reason; returns the outcome.
   *
   * @throws RuntimeException what the job failed with
   * @throws IllegalStateException when the job did not return within 60 s of being stopped
   */
  public static <S> Outcome<S> run(
      Job<S> job,
      String threadName,
      Duration interval,
      Consumer<S> report,
      Function<S, @Nullable StopReason> stopWhen) {
    CompletableFuture<Outcome<S>> running =
        CompletableFuture.supplyAsync(
            job::run, task -> Thread.ofPlatform().name(threadName).daemon().start(task));
    StopReason stoppedFor = null;
    while (!finished(running, interval)) {
      S stats = job.stats();
      report.accept(stats);
      stoppedFor = stopWhen.apply(stats);
      if (stoppedFor != null) {
        job.stop();
        break;
      }
    }
    if (!finished(running, STOP_WAIT)) {
      throw new IllegalStateException(
          threadName + " did not stop within " + STOP_WAIT.toSeconds() + " s of being asked to");
    }
    Outcome<S> outcome = running.join();
    return stoppedFor == null ? outcome : new Outcome<>(stoppedFor, outcome.stats());
  }

  /** Waits up to {@code wait} for the job; true when it returned, rethrows its failure. */
  private static boolean finished(CompletableFuture<?> running, Duration wait) {
    try {
      running.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a job", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("job failed: " + cause, cause);
    }
  }
}
