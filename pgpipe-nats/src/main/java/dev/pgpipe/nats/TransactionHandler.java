package dev.pgpipe.nats;

import dev.pgpipe.cdc.Transaction;
import java.util.List;

/**
 * Applies transactions taken from JetStream to a target: the table sink, the buffer table, or your
 * own code. A {@link TransactionConsumer} calls it from one thread.
 *
 * <p>A transaction that came in one message is handed over with others in a batch ({@link
 * #acceptAll}): when that returns, every transaction of the batch must be durable in the target,
 * atomically (the table sink applies the batch in one target transaction with its ledger); the
 * consumer then acknowledges their messages with one ack and JetStream forgets them. A transaction
 * sent in several chunks comes as parts 0, 1, ... in order ({@link #accept}, {@link
 * Transaction#part()}); only the part with {@link Transaction#lastPart()} completes it, and when
 * {@code accept} returns for it the whole transaction must be durable. Earlier parts may be applied
 * inside an open target transaction or buffered; {@link #abort()} discards such an incomplete
 * transaction (after a failure, or when the same transaction starts again from part 0).
 *
 * <p>Delivery is at least once: after a crash, everything after the last acknowledged transaction
 * is delivered again, from part 0. Record what was applied (source, commit LSN) in the same target
 * transaction as the data and skip what is already there: that makes it exactly once.
 *
 * <p>Snapshot rows ({@link Transaction#isSnapshot()}) are different: each part stands alone (rows
 * of different tables may interleave) and comes in a batch like a whole transaction; apply them
 * idempotently (upsert).
 *
 * <p>Throw to refuse: the consumer drops the batch, waits, and has it redelivered, then one
 * transaction at a time to find the one at fault; after the configured number of deliveries that
 * one's messages go to the dead-letter subject with the exception's message, unless {@link
 * #deadLettersFailedTransactions()} says a failure is never the transaction's fault.
 */
public interface TransactionHandler {

  /** Takes the next part of a transaction sent in chunks; see the interface comment. */
  void accept(String source, Transaction part) throws Exception;

  /**
   * Takes a batch of whole transactions (each in one part) and snapshot parts, in order, and makes
   * all of them durable before it returns (when it throws, preferably none). Default: {@link
   * #accept} for each.
   */
  default void acceptAll(String source, List<Transaction> parts) throws Exception {
    for (Transaction part : parts) {
      accept(source, part);
    }
  }

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
