package dev.pgpipe.sink.buffer;

import java.util.List;

/**
 * Does something durable with a batch of buffered events (in id order). Returning normally marks
 * them processed in the same buffer transaction; throwing leaves them to be retried, and after
 * {@link BufferConfig#maxAttempts()} moves them to the dead-letter table, unless {@link
 * #deadLettersFailedBatches()} says a failure is never the events' fault. Must be idempotent or
 * record what it did (as {@link SinkHandler} does through the sink's ledger): a crash between its
 * success and the buffer's commit hands the same events again.
 */
@FunctionalInterface
public interface BufferHandler {

  void handle(List<BufferedEvent> batch);

  /**
   * Whether a batch that failed {@link BufferConfig#maxAttempts()} times goes to the dead-letter
   * table (true), or stays and is retried until it succeeds (false): right for a handler that sets
   * aside the events it refuses itself, so that what still fails (an unreachable target, a missing
   * table) is for the operator to fix, not a reason to drop rows.
   */
  default boolean deadLettersFailedBatches() {
    return true;
  }
}
