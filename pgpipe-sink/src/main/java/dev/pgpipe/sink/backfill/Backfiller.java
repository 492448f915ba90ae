package dev.pgpipe.sink.backfill;

import dev.pgpipe.cdc.ChunkReader;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import java.time.Duration;
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
 * progress before it reads the next. A chunk the window refuses ({@link ChunkOutcome}) is read
 * again between new watermarks; when that is because a commit the stream delivered is not yet
 * visible on the source, at once and then with growing pauses and a warning naming the transaction
 * ({@link RereadPacing}). Never waits for running transactions: a long one holds nothing up.
 * Resumes each table from the progress the target holds, so a crash costs at most the chunk in
 * flight. A table the replication does not stream, or without a primary key, is marked failed with
 * the reason. {@link #status()} may be called from any thread.
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
    int rereads = 0;
    log.info(
        "backfilling {} from key {} ({} rows so far)",
        start.table(),
        start.lastKey(),
        start.rows());
    while (!progress.done() && stop.getCount() > 0 && stillAsked(progress)) {
      current = progress;
      String chunk = label(progress);
      switch (chunk(reader, schema, progress)) {
        case ChunkOutcome.Applied applied -> {
          progress = applied.progress();
          rereads = 0;
        }
        case ChunkOutcome.ShapeChanged changed -> {
          log.info("{} read again: the table changed shape", chunk);
          schema = reader.describe(start.table());
          rereads = 0;
        }
        case ChunkOutcome.TooManyChanges many -> {
          log.info("{} read again: more than {} keys changed meanwhile", chunk, many.limit());
          rereads = 0;
        }
        case ChunkOutcome.CommitNotVisible hidden -> awaitVisible(chunk, hidden.xid(), ++rereads);
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

  /** The chunk after {@code progress}, in words. */
  private static String label(BackfillProgress progress) {
    return progress.lastKey() == null
        ? "first chunk of " + progress.table()
        : "chunk of " + progress.table() + " after key " + progress.lastKey();
  }

  /** Reads the chunk after {@code progress} between its watermarks; returns once it is settled. */
  private ChunkOutcome chunk(ChunkReader reader, TableSchema schema, BackfillProgress progress)
      throws InterruptedException {
    ChunkWindow window =
        new ChunkWindow(UUID.randomUUID().toString(), schema, progress, options.chunkRows());
    merge.open(window);
    reader.watermark(new Watermark(true, window.id()).content());
    window.attach(reader.read(schema, progress.lastKey(), options.chunkRows()));
    reader.watermark(new Watermark(false, window.id()).content());
    return await(window);
  }

  /**
   * Says that {@code chunk} is read again for the {@code rereads}-th time in a row because
   * transaction {@code xid} is not yet visible, and waits as {@link RereadPacing} says.
   */
  private void awaitVisible(String chunk, long xid, int rereads) throws InterruptedException {
    Duration delay = RereadPacing.delay(rereads);
    if (RereadPacing.warns(rereads)) {
      log.warn(
          "{} read again {} times in a row: transaction {} is in the change stream before the"
              + " chunk's low watermark but still not visible on the source, so the rows read may"
              + " be older than the target's. A commit stays invisible while it waits for a"
              + " synchronous standby: check synchronous_standby_names and pg_stat_replication on"
              + " the source, and what the transaction waits for (SELECT pid, wait_event FROM"
              + " pg_stat_activity WHERE backend_xid = '{}'). Reading it again in {} ms, and at"
              + " most every second, until it is visible",
          chunk,
          rereads,
          xid,
          xid,
          delay.toMillis());
    } else {
      log.info(
          "{} read again: transaction {} is in the change stream before the chunk's low watermark"
              + " but was not yet visible to the chunk's snapshot",
          chunk,
          xid);
    }
    stop.await(delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private boolean stillAsked(BackfillProgress progress) {
    return target.withJdbcConnection(c -> table.list(c, sourceId)).stream()
        .anyMatch(
            s ->
                s.table().equals(progress.table())
                    && s.progress().request() == progress.request()
                    && s.open());
  }

  private ChunkOutcome await(ChunkWindow window) throws InterruptedException {
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
      thread.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
