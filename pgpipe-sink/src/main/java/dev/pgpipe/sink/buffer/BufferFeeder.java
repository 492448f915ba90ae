package dev.pgpipe.sink.buffer;

import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a change stream into the buffer ({@code pgpipe cdc --to buffer}): transactions are
 * gathered up to the batch size or the flush interval, written in one buffer transaction, and only
 * then acknowledged, so the source confirms an LSN only after the buffer committed it. One thread
 * runs {@link #run()}; {@link #close()} from any stops it after writing what it polled.
 */
public final class BufferFeeder implements AutoCloseable {

  private final ChangeStream stream;
  private final ChangeBuffer buffer;
  private final String sourceId;
  private volatile boolean stopping;
  private long written;

  public BufferFeeder(ChangeStream stream, ChangeBuffer buffer, String sourceId) {
    this.stream = stream;
    this.buffer = buffer;
    this.sourceId = sourceId;
  }

  /** Feeds until {@link #close()} or a failure of the stream or the buffer (thrown). */
  public void run() {
    List<Transaction> pending = new ArrayList<>();
    long events = 0;
    long firstAt = 0;
    Duration interval = buffer.config().flushInterval();
    while (!stopping && !stream.isFinished()) {
      Transaction tx = stream.poll(Duration.ofMillis(pending.isEmpty() ? 200 : 20));
      if (tx != null) {
        firstAt = pending.isEmpty() ? System.nanoTime() : firstAt;
        pending.add(tx);
        events += tx.size();
      }
      boolean due =
          tx == null
              || events >= buffer.config().batchSize()
              || System.nanoTime() - firstAt >= interval.toNanos();
      if (!pending.isEmpty() && due) {
        flush(pending);
        events = 0;
      }
    }
    if (!pending.isEmpty()) {
      flush(pending);
    }
  }

  private void flush(List<Transaction> pending) {
    written += buffer.write(sourceId, pending);
    pending.forEach(stream::acknowledge);
    pending.clear();
  }

  /** Events written so far (replays left out). */
  public long written() {
    return written;
  }

  @Override
  public void close() {
    stopping = true;
  }
}
