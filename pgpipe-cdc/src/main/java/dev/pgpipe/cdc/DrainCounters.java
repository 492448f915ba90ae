package dev.pgpipe.cdc;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The counters of a {@link DrainLoop}: updated by its thread, read by any. */
final class DrainCounters {

  private long transactions;
  private long parts;
  private long events;
  private long batches;
  private @Nullable Instant lastCommit;

  synchronized void add(List<Transaction> batch) {
    for (Transaction tx : batch) {
      parts++;
      transactions += tx.lastPart() ? 1 : 0;
      events += tx.size();
    }
    batches++;
    Transaction last = batch.get(batch.size() - 1);
    if (!last.isSnapshot()) {
      lastCommit = last.commitTime();
    }
  }

  /** The counters, with the loop's current lag. */
  synchronized DrainStats snapshot(Duration lag) {
    return new DrainStats(transactions, parts, events, batches, lastCommit, lag);
  }
}
