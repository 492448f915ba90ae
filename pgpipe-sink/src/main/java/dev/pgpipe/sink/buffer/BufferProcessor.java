package dev.pgpipe.sink.buffer;

import dev.pgpipe.client.Database;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one source of a {@link ChangeBuffer} into a {@link BufferHandler}: claims a batch (up to
 * {@link BufferConfig#batchSize()}, skipping rows other workers hold), hands it over, and marks it
 * processed in the same buffer transaction, so a batch is processed by one worker only. A full
 * batch is followed at once by the next; otherwise the worker waits {@link
 * BufferConfig#flushInterval()}. A failing batch is retried with doubling backoff; after {@link
 * BufferConfig#maxAttempts()} it goes to the dead-letter table with the error, unless the handler
 * says its failures are never the events' fault ({@link SinkHandler}): then it is retried until it
 * succeeds. {@code ordered} workers of a source take turns (an advisory lock for the transaction),
 * which keeps the order of changes for handlers that need it, like {@link SinkHandler}; unordered
 * ones run side by side. Processed events older than the retention are deleted every {@link
 * BufferConfig#cleanupInterval()}. One thread runs {@link #run()}; {@link #close()} from any.
 */
public final class BufferProcessor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BufferProcessor.class);

  private final ChangeBuffer buffer;
  private final String sourceId;
  private final BufferHandler handler;
  private final boolean ordered;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private int failures;
  private @Nullable String lastError;
  private long lastCleanup = System.nanoTime();

  public BufferProcessor(
      ChangeBuffer buffer, String sourceId, BufferHandler handler, boolean ordered) {
    this.buffer = buffer;
    this.sourceId = sourceId;
    this.handler = handler;
    this.ordered = ordered;
  }

  /** Processes until {@link #close()}. */
  public void run() {
    try {
      while (closing.getCount() > 0) {
        int done = processOnce();
        cleanupWhenDue();
        if (done < buffer.config().batchSize()) {
          pause(failures > 0 ? backoff() : buffer.config().flushInterval());
        }
      }
    } finally {
      finished.countDown();
    }
  }

  /**
   * Claims and handles one batch; returns how many events it took off the backlog (processed or
   * dead-lettered), 0 when there was nothing or the handler failed.
   */
  public int processOnce() {
    Database db = buffer.database();
    try {
      int done = db.inTransaction(tx -> claimAndHandle());
      failures = 0;
      return done;
    } catch (RuntimeException e) {
      failures++;
      lastError = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
      log.warn(
          "buffer batch of {} failed (attempt {}{}): {}",
          sourceId,
          failures,
          handler.deadLettersFailedBatches()
              ? " of " + buffer.config().maxAttempts()
              : "; paused, retrying until it succeeds",
          lastError);
      return 0;
    }
  }

  private int claimAndHandle() {
    if (ordered) {
      buffer
          .database()
          .sql("SELECT pg_advisory_xact_lock(hashtext(?))", "pgpipe.buffer:" + sourceId)
          .map(r -> 1)
          .list();
    }
    List<BufferedEvent> batch = buffer.claim(sourceId, buffer.config().batchSize());
    if (batch.isEmpty()) {
      return 0;
    }
    if (failures >= buffer.config().maxAttempts() && handler.deadLettersFailedBatches()) {
      buffer.deadLetter(batch, "failed " + failures + " times; last: " + lastError);
      log.error("{} buffered events of {} moved to dead letters", batch.size(), sourceId);
      return batch.size();
    }
    handler.handle(batch);
    buffer.markProcessed(batch);
    return batch.size();
  }

  private void cleanupWhenDue() {
    if (System.nanoTime() - lastCleanup >= buffer.config().cleanupInterval().toNanos()) {
      lastCleanup = System.nanoTime();
      long deleted = buffer.cleanup();
      log.info("buffer cleanup deleted {} processed events", deleted);
    }
  }

  private Duration backoff() {
    long millis = Math.min(5_000, 50L << Math.min(failures, 10));
    return Duration.ofMillis(millis);
  }

  private void pause(Duration duration) {
    try {
      closing.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closing.countDown();
    }
  }

  /** Stops after the batch in progress (which is finished and committed); waits up to 60 s. */
  @Override
  public void close() {
    closing.countDown();
    try {
      finished.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
