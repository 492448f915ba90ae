package dev.pgpipe.bench.sink;

import dev.pgpipe.cdc.Slots;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.ReplicatorStats;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Drives one end-to-end run from the replication's ticks: starts the writer once the slot exists
 * (changes made before would not be streamed), samples the lag, and says stop when the target
 * applied every change the writer made. One thread calls {@link #tick}.
 */
final class E2eDriver {

  private static final Duration LIMIT = Duration.ofMinutes(10);

  private final Database db;
  private final ConnectionSettings source;
  private final String slot;
  private final String table;
  private final int changes;
  private final int perTransaction;
  private final long createdNanos = System.nanoTime();
  private @Nullable CompletableFuture<Long> writing;
  private long startNanos;
  private long endNanos;
  private long lagSamples;
  private long lagTotalNanos;
  private long lagMaxNanos;

  E2eDriver(
      Database db,
      ConnectionSettings source,
      String slot,
      String table,
      int changes,
      int perTransaction) {
    this.db = db;
    this.source = source;
    this.slot = slot;
    this.table = table;
    this.changes = changes;
    this.perTransaction = perTransaction;
  }

  /** Whether to stop, after the replication's stats of this tick. */
  boolean tick(ReplicatorStats stats) {
    if (System.nanoTime() - createdNanos > LIMIT.toNanos()) {
      throw new IllegalStateException("end-to-end run did not finish within " + LIMIT);
    }
    CompletableFuture<Long> w = writing;
    if (w == null) {
      if (Slots.list(source).stream().anyMatch(s -> s.name().equals(slot))) {
        startNanos = System.nanoTime();
        writing = E2eWriter.start(db, table, changes, perTransaction);
      }
      return false;
    }
    if (stats.lastSourceCommit().getEpochSecond() != 0) {
      long lag = stats.lag().toNanos();
      lagSamples++;
      lagTotalNanos += lag;
      lagMaxNanos = Math.max(lagMaxNanos, lag);
    }
    if (w.isDone() && stats.events() >= w.join()) {
      endNanos = System.nanoTime();
      return true;
    }
    return false;
  }

  EndToEnd.Result result(ReplicatorStats stats) {
    if (endNanos == 0) {
      throw new IllegalStateException("the replication stopped before applying every change");
    }
    return new EndToEnd.Result(
        stats.events(),
        stats.transactions(),
        Duration.ofNanos(endNanos - startNanos),
        Duration.ofNanos(lagSamples == 0 ? 0 : lagTotalNanos / lagSamples),
        Duration.ofNanos(lagMaxNanos));
  }
}
