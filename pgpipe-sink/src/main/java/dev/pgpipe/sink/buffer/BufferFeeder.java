package dev.pgpipe.sink.buffer;

import dev.pgpipe.cdc.DrainLoop;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.TransactionSink;
import dev.pgpipe.cdc.TransactionSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The buffer as a {@link TransactionSink} ({@code pgpipe cdc --to buffer}): a batch is written in
 * one buffer transaction, so when {@link #write} returns it is durable, and a {@link DrainLoop}
 * acknowledges it to the source only then; a replay after a crash is not buffered twice. {@link
 * #loop} batches as the buffer's config says. Counts the new events written; {@link #written()} may
 * be read from any thread.
 *
 * <pre>{@code
 * DrainLoop feeder = new BufferFeeder(buffer, sourceId).loop(stream).build();
 * feeder.run(); // until feeder.stop() from another thread, or a failure
 * }</pre>
 */
public final class BufferFeeder implements TransactionSink {

  private final ChangeBuffer buffer;
  private final String sourceId;
  private final AtomicLong written = new AtomicLong();

  public BufferFeeder(ChangeBuffer buffer, String sourceId) {
    this.buffer = buffer;
    this.sourceId = sourceId;
  }

  /**
   * A loop from {@code source} into the buffer, written at {@link BufferConfig#batchSize()} events
   * or after {@link BufferConfig#flushInterval()}.
   */
  public DrainLoop.Builder loop(TransactionSource source) {
    return DrainLoop.builder(source, this)
        .batchEvents(buffer.config().batchSize())
        .flushInterval(buffer.config().flushInterval())
        .pollTimeouts(Duration.ofMillis(200), Duration.ofMillis(20));
  }

  /** Writes the batch in one buffer transaction, as source {@code sourceId}. */
  @Override
  public void write(List<Transaction> batch) {
    written.addAndGet(buffer.write(sourceId, batch));
  }

  /** Events written so far (replays left out). */
  public long written() {
    return written.get();
  }
}
