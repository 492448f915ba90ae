package dev.pgpipe.nats;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link TransactionConsumer} counted so far; see {@link ConsumerStats}. Not thread-safe.
 */
final class ConsumerCounters {

  long transactions;
  long messages;
  long events;
  long failures;
  long skipped;
  long pending;
  @Nullable Instant lastCommitTime;

  /** A batch of {@code count} transactions, the last committed at {@code committed}, is applied. */
  void applied(long count, @Nullable Instant committed) {
    transactions += count;
    if (committed != null) {
      lastCommitTime = committed;
    }
  }

  /** The counters, with {@code held} transactions taken but not applied yet counted in. */
  ConsumerStats snapshot(long deadLetters, long held) {
    return new ConsumerStats(
        transactions + held,
        messages,
        events,
        deadLetters,
        failures,
        skipped,
        pending,
        lastCommitTime);
  }
}
