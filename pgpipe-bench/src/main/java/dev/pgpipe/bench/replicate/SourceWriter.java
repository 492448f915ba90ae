package dev.pgpipe.bench.replicate;

import dev.pgpipe.client.Database;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Commits a workload's transactions to the source on one connection and counts the rows they
 * changed (the statements' update counts). Each transaction runs as planned; a retried one (after a
 * transient failure) runs the same statements again. Not thread-safe.
 */
final class SourceWriter {

  static final String TICK = "INSERT INTO ticks (id) VALUES (?)";

  /** What was written: transactions, row changes (ticks left out) and the seconds it took. */
  record Written(long transactions, long rows, double seconds) {}

  private final Database source;

  SourceWriter(Database source) {
    this.source = source;
  }

  /** Commits every transaction back to back, then tick {@code marker} on its own. */
  Written backlog(Workload workload, long marker) {
    long start = System.nanoTime();
    long transactions = 0;
    long rows = 0;
    for (Iterator<List<Change>> it = workload.transactions(); it.hasNext(); ) {
      rows += commit(it.next(), -1);
      transactions++;
    }
    source.sql(TICK, marker).update();
    return new Written(transactions, rows, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Commits {@code rate} transactions a second of {@code mix} for {@code duration}, each ending
   * with a tick numbered from 1, on a fixed schedule (late ones are sent at once, not skipped).
   */
  Written paced(OltpMix mix, double rate, Duration duration) {
    long period = (long) (1e9 / rate);
    long count = (long) (duration.toNanos() / 1e9 * rate);
    long start = System.nanoTime();
    long rows = 0;
    for (long i = 0; i < count; i++) {
      long due = start + i * period;
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      rows += commit(mix.nextTransaction(), i + 1);
    }
    return new Written(count, rows, (System.nanoTime() - start) / 1e9);
  }

  private long commit(List<Change> changes, long tick) {
    return source.inTransaction(
        tx -> {
          long rows = 0;
          for (Change change : changes) {
            rows += tx.sql(change.sql(), change.parameterArray()).update();
          }
          if (tick > 0) {
            tx.sql(TICK, tick).update();
          }
          return rows;
        });
  }
}
