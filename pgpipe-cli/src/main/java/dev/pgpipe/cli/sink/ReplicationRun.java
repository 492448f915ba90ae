package dev.pgpipe.cli.sink;

import dev.pgpipe.sink.Replicator;
import dev.pgpipe.sink.ReplicatorStats;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs a {@link Replicator} on its own thread while the calling thread reports and decides when to
 * stop: every {@code interval} it hands the current stats to {@code report} and asks {@code stop};
 * once that says yes, {@link Replicator#close()} applies and acknowledges the pending batch. A
 * failure of the replicator is rethrown on the calling thread.
 */
public final class ReplicationRun {

  private ReplicationRun() {}

  /**
   * Replicates until {@code stop} says so; returns the final stats.
   *
   * @throws RuntimeException what the replicator failed with
   */
  public static ReplicatorStats run(
      Replicator replicator,
      Duration interval,
      Consumer<ReplicatorStats> report,
      Predicate<ReplicatorStats> stop) {
    CompletableFuture<Void> running =
        CompletableFuture.runAsync(
            replicator::run,
            task -> Thread.ofPlatform().name("pgpipe-replicate").daemon().start(task));
    try (replicator) {
      while (!finished(running, interval)) {
        ReplicatorStats stats = replicator.stats();
        report.accept(stats);
        if (stop.test(stats)) {
          break;
        }
      }
    }
    finished(running, Duration.ofSeconds(60));
    return replicator.stats();
  }

  /** Waits up to {@code wait} for the replicator; true when it returned, rethrows its failure. */
  private static boolean finished(CompletableFuture<Void> running, Duration wait) {
    try {
      running.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("replication failed: " + cause, cause);
    }
  }
}
