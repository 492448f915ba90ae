package dev.pgpipe.sink.buffer;

import java.util.List;

/**
 * Does something durable with a batch of buffered events (in id order). Returning normally marks
 * them processed in the same buffer transaction; throwing leaves them to be retried, and after
 * {@link BufferConfig#maxAttempts()} moves them to the dead-letter table. Must be idempotent or
 * record what it did (as {@link SinkHandler} does through the sink's ledger): a crash between its
 * success and the buffer's commit hands the same events again.
 */
@FunctionalInterface
public interface BufferHandler {

  void handle(List<BufferedEvent> batch);
}
