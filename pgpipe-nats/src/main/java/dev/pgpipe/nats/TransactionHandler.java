package dev.pgpipe.nats;

import dev.pgpipe.cdc.Transaction;

/**
 * Applies transactions taken from JetStream to a target: the table sink, the buffer table, or your
 * own code. A {@link TransactionConsumer} calls it from one thread.
 *
 * <p>A transaction comes as parts 0, 1, ... in order ({@link Transaction#part()}); only the part
 * with {@link Transaction#lastPart()} completes it. When {@code accept} returns for that last part,
 * the whole transaction must be durable in the target, atomically: the consumer then acknowledges
 * its messages and JetStream forgets them. Earlier parts may be applied inside an open target
 * transaction or buffered; {@link #abort()} discards such an incomplete transaction (after a
 * failure, or when the same transaction starts again from part 0).
 *
 * <p>Delivery is at least once: after a crash, everything after the last acknowledged transaction
 * is delivered again, from part 0. Record what was applied (source, commit LSN) in the same target
 * transaction as the data and skip what is already there: that makes it exactly once.
 *
 * <p>Snapshot rows ({@link Transaction#isSnapshot()}) are different: each part stands alone (rows
 * of different tables may interleave), must be durable when {@code accept} returns, and is
 * acknowledged at once; apply them idempotently (upsert).
 *
 * <p>Throw to refuse a part: the consumer aborts the transaction, waits, and has it redelivered;
 * after the configured number of deliveries its messages go to the dead-letter subject with the
 * exception's message, unless {@link #deadLettersFailedTransactions()} says a failure is never the
 * transaction's fault.
 */
public interface TransactionHandler {

  /** Takes the next part; see the interface comment. */
  void accept(String source, Transaction part) throws Exception;

  /** Discards the incomplete transaction, if any. Must not throw. */
  void abort();

  /**
   * Whether a transaction refused {@code maxDeliveries} times goes to the dead-letter subject
   * (true), or is delivered again until it is taken (false): right for a handler that sets aside
   * the rows it refuses itself, so that what still fails (an unreachable target, a missing table)
   * is for the operator to fix, not a reason to drop the transaction.
   */
  default boolean deadLettersFailedTransactions() {
    return true;
  }
}
