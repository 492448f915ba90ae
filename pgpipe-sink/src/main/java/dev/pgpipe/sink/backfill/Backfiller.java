package dev.pgpipe.sink.backfill;

import dev.pgpipe.cdc.ChunkReader;
import dev.pgpipe.cdc.KeyChunk;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backfills the tables the target's backfill table asks for ({@link BackfillTable}), one chunk at a
 * time, on a thread of its own beside a running replication: opens a {@link ChunkWindow} in the
 * {@link WindowMerge}, writes the low watermark, reads the next chunk in key order, attaches it,
 * writes the high watermark, and waits until the applying thread has committed the chunk with its
 * progress before it reads the next. Resumes each table from the progress the target holds, so a
 * crash costs at most the chunk in flight. A table the replication does not stream, or without a
 * primary key, is marked failed with the reason. {@link #status()} may be called from any thread.
 */
public final class Backfiller implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Backfiller.class);

  private final ConnectionSettings source;
  private final Database target;
  private final BackfillTable table;
  private final String sourceId;
  private final Predicate<String> streamed;
  private final WindowMerge merge;
  private final BackfillOptions options;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;
  private volatile @Nullable BackfillProgress current;

  /**
   * What the backfiller works with: the source, the target's sink tables, which tables ({@code
   * schema.name}) the stream carries, and the stream's merge.
   */
  public record Parts(
      ConnectionSettings source,
      Database target,
      String schema,
      String sourceId,
      Predicate<String> streamed,
      WindowMerge merge) {}

  private Backfiller(Parts parts, BackfillOptions options) {
    this.source = parts.source();
    this.target = parts.target();
    this.table = new BackfillTable(parts.schema());
    this.sourceId = parts.sourceId();
    this.streamed = parts.streamed();
    this.merge = parts.merge();
    this.options = options;
    this.thread = Thread.ofVirtual().name("pgpipe-backfill").unstarted(this::run);
  }

  /** Starts backfilling whatever is asked for, now and later, until {@link #close()}. */
  public static Backfiller start(Parts parts, BackfillOptions options) {
    Backfiller backfiller = new Backfiller(parts, options);
    backfiller.thread.start();
    return backfiller;
  }

  /** The table being backfilled and how far it got; null when none is. */
  public @Nullable BackfillProgress status() {
    return current;
  }

  private void run() {
    try (ChunkReader reader = ChunkReader.open(source)) {
      while (stop.getCount() > 0) {
        List<BackfillState> open =
            target.withJdbcConnection(c -> table.list(c, sourceId)).stream()
                .filter(BackfillState::open)
                .toList();
        if (open.isEmpty()) {
          stop.await(options.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
        } else {
          fillOrFail(reader, open.get(0).progress());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("backfill stopped: {}", e.getMessage(), e);
    } finally {
      current = null;
    }
  }

  private void fillOrFail(ChunkReader reader, BackfillProgress progress)
      throws InterruptedException {
    String label = progress.table();
    try {
      if (!streamed.test(label)) {
        throw new IllegalArgumentException(
            "table "
                + label
                + " is not replicated by source "
                + sourceId
                + ", so its changes cannot be merged: add it to replicate --tables");
      }
      fill(reader, progress);
    } catch (IllegalArgumentException | dev.pgpipe.client.PgException e) {
      if (stop.getCount() == 0) {
        return;
      }
      if (e instanceof dev.pgpipe.client.PgException pg && pg.isTransient()) {
        log.warn("backfill of {} interrupted ({}); trying again", label, e.getMessage());
        stop.await(options.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
        return;
      }
      log.error("backfill of {} failed: {}", label, e.getMessage());
      String error = e.getMessage() + "";
      target.withJdbcConnection(
          c -> {
            table.fail(c, sourceId, label, progress.request(), error);
            return 0;
          });
    } finally {
      current = null;
    }
  }

  private void fill(ChunkReader reader, BackfillProgress start) throws InterruptedException {
    TableSchema schema = reader.describe(start.table());
    BackfillProgress progress = start;
    log.info(
        "backfilling {} from key {} ({} rows so far)",
        start.table(),
        start.lastKey(),
        start.rows());
    while (!progress.done() && stop.getCount() > 0 && stillAsked(progress)) {
      current = progress;
      ChunkWindow window =
          new ChunkWindow(UUID.randomUUID().toString(), schema, progress, options.chunkRows());
      merge.open(window);
      reader.watermark(new Watermark(true, window.id()).content());
      KeyChunk chunk = reader.read(schema, progress.lastKey(), options.chunkRows());
      window.attach(chunk);
      reader.watermark(new Watermark(false, window.id()).content());
      BackfillProgress applied = await(window);
      if (applied == null) {
        log.info(
            "chunk of {} after {} read again (the table changed shape)",
            start.table(),
            progress.lastKey());
        schema = reader.describe(start.table());
      } else {
        progress = applied;
      }
    }
    if (progress.done()) {
      log.info(
          "backfill of {} done: {} rows in {} chunks",
          progress.table(),
          progress.rows(),
          progress.chunks());
    }
  }

  private boolean stillAsked(BackfillProgress progress) {
    return target.withJdbcConnection(c -> table.list(c, sourceId)).stream()
        .anyMatch(
            s ->
                s.table().equals(progress.table())
                    && s.progress().request() == progress.request()
                    && s.open());
  }

  private @Nullable BackfillProgress await(ChunkWindow window) throws InterruptedException {
    while (true) {
      try {
        return window.outcome().get(200, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (stop.getCount() == 0) {
          throw new InterruptedException("backfill stopped");
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException("chunk failed", e.getCause());
      }
    }
  }

  /** Stops after the chunk in flight (which a restart reads again). Idempotent. */
  @Override
  public void close() {
    stop.countDown();
    try {
      thread.join(java.time.Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
