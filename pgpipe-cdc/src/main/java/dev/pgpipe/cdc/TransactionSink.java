package dev.pgpipe.cdc;

import java.util.List;

/**
 * Where a {@link DrainLoop} puts transactions: standard output, the buffer table, JetStream, a
 * target's tables, or your own code.
 *
 * <p>{@link #write} makes every transaction (or part) of the batch durable downstream, in order,
 * and returns only then: the loop acknowledges the batch to its source as soon as it returns, so
 * the source forgets it. When it cannot, it throws, and nothing of the batch is acknowledged; the
 * source hands it out again after a restart, so a write that made part of a batch durable before it
 * threw must be idempotent on the redelivery (record positions with the data, or upsert). Called
 * from one thread at a time.
 */
@FunctionalInterface
public interface TransactionSink {

  /**
   * Makes {@code batch} durable downstream, in order; see the interface comment.
   *
   * @throws RuntimeException when it could not; then the loop stops and acknowledges nothing of it
   */
  void write(List<Transaction> batch);
}
