package dev.pgpipe.sink.buffer;

import dev.pgpipe.client.Attempts;
import dev.pgpipe.client.Backoff;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.Sleeper;
import dev.pgpipe.client.Ticker;
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
 * BufferConfig#flushInterval()}. A failing batch is retried after the waits of {@link #RETRY};
 * after {@link BufferConfig#maxAttempts()} it goes to the dead-letter table with the error, unless
 * the handler says its failures are never the events' fault ({@link SinkHandler}): then it is
 * retried until it succeeds. {@code ordered} workers of a source take turns (an advisory lock for
 * the transaction), which keeps the order of changes for handlers that need it, like {@link
 * SinkHandler}; unordered ones run side by side. Processed events older than the retention are
 * deleted every {@link BufferConfig#cleanupInterval()}, measured on the injected {@link Ticker}.
 * The waits go through the injected {@link Sleeper}; the default one returns early on {@link
 * #close()}. One thread runs {@link #run()}; {@link #close()} from any.
 */
public final class BufferProcessor implements AutoCloseable {

  /** The waits after a failed batch: 100 ms doubling to 5 s, no jitter, retried until it works. */
  public static final Backoff RETRY =
      Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(5));

  private static final Logger log = LoggerFactory.getLogger(BufferProcessor.class);

  private final ChangeBuffer buffer;
  private final String sourceId;
  private final BufferHandler handler;
  private final boolean ordered;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Ticker ticker;
  private final Sleeper sleeper;
  private final Attempts attempts;
  private @Nullable String lastError;
  private long lastCleanup;

  /** A processor on the real clock, whose waits end early on {@link #close()}. */
  public BufferProcessor(
      ChangeBuffer buffer, String sourceId, BufferHandler handler, boolean ordered) {
    this(buffer, sourceId, handler, ordered, Ticker.SYSTEM, null);
  }

  /** A processor measuring time on {@code ticker} and waiting through {@code sleeper} (tests). */
  public BufferProcessor(
      ChangeBuffer buffer,
      String sourceId,
      BufferHandler handler,
      boolean ordered,
      Ticker ticker,
      @Nullable Sleeper sleeper) {
    this.buffer = buffer;
    this.sourceId = sourceId;
    this.handler = handler;
    this.ordered = ordered;
    this.ticker = ticker;
    this.sleeper = sleeper == null ? this::awaitClosing : sleeper;
    this.attempts = RETRY.start(ticker);
    this.lastCleanup = ticker.nanoTime();
  }

  /** Processes until {@link #close()}. */
  public void run() {
    try {
      while (closing.getCount() > 0) {
        int done = processOnce();
        cleanupWhenDue();
        if (done < buffer.config().batchSize()) {
          pause(attempts.failures() > 0 ? attempts.nextDelay() : buffer.config().flushInterval());
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
      attempts.reset();
      return done;
    } catch (RuntimeException e) {
      attempts.failed();
      lastError = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
      log.warn(
          "buffer batch of {} failed (attempt {}{}): {}",
          sourceId,
          attempts.failures(),
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
    int failed = attempts.failures();
    if (failed >= buffer.config().maxAttempts() && handler.deadLettersFailedBatches()) {
      buffer.deadLetter(batch, "failed " + failed + " times; last: " + lastError);
      log.error("{} buffered events of {} moved to dead letters", batch.size(), sourceId);
      return batch.size();
    }
    handler.handle(batch);
    buffer.markProcessed(batch);
    return batch.size();
  }

  private void cleanupWhenDue() {
    if (ticker.nanoTime() - lastCleanup >= buffer.config().cleanupInterval().toNanos()) {
      lastCleanup = ticker.nanoTime();
      long deleted = buffer.cleanup();
      log.info("buffer cleanup deleted {} processed events", deleted);
    }
  }

  private void pause(Duration duration) {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closing.countDown();
    }
  }

  private void awaitClosing(Duration duration) throws InterruptedException {
    closing.await(duration.toNanos(), TimeUnit.NANOSECONDS);
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
