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

  /**
   * Records what is pending after a message: JetStream's count for it ({@code streamPending}, -1
   * when the message's reply subject does not carry it, counted as none) plus the {@code held}
   * messages the feed has. jnats counts those in a counter of its own, apart from its queue, so a
   * read that races a message arriving and being taken can see -1; that is counted as none too.
   * Returns whether that is known to be nothing.
   */
  boolean pendingAfter(long streamPending, long held) {
    pending = Math.max(0, streamPending) + Math.max(0, held);
    return streamPending == 0 && pending == 0;
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
