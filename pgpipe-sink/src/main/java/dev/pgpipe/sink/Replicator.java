package dev.pgpipe.sink;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.DrainLoop;
import dev.pgpipe.cdc.DrainStats;
import dev.pgpipe.cdc.Job;
import dev.pgpipe.cdc.JobRunner;
import dev.pgpipe.cdc.Outcome;
import dev.pgpipe.cdc.Slots;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.cdc.StopReason;
import dev.pgpipe.cdc.StreamState;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.backfill.BackfillOptions;
import dev.pgpipe.sink.backfill.BackfillProgress;
import dev.pgpipe.sink.backfill.Backfiller;
import dev.pgpipe.sink.backfill.WindowMerge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replicates a source PostgreSQL into a target with no broker: snapshot, then stream; each batch is
 * committed to the target together with its ledger position, and acknowledged to the source slot
 * only once the target's WAL is flushed past that commit, so the slot's confirmed LSN never passes
 * what the target holds. Streamed batches commit without waiting for that flush ({@link
 * SinkConfig#synchronousCommit()} off, the default, as PostgreSQL's own subscriptions commit;
 * {@link FlushedAcks} holds their acknowledgements); when a crash of the target undid some, the
 * replicator reads the source again from the slot ({@link TargetRolledBackException}).
 *
 * <pre>{@code
 * try (Replicator r = Replicator.create(cdcConfig, sinkConfig)) {
 *   r.run(); // until close() from another thread (or a shutdown hook), or a fatal failure
 * }
 * }</pre>
 *
 * <p>An initial snapshot that was interrupted (the ledger says it did not finish) starts over: the
 * slot is dropped and re-created, the whitelisted target tables are emptied. A batch is flushed at
 * {@link SinkConfig#batchSize()} events or {@link SinkConfig#batchBytes()}, after {@link
 * SinkConfig#flushInterval()}, or as soon as the source has nothing ready and no backlog (the
 * {@link DrainLoop}): catching up, batches fill; caught up, each is what came while the previous
 * one was applied. {@link #stop()} stops polling, applies and acknowledges the pending batch;
 * {@link #close()} also waits for that and closes the target. {@link #stats()} may be called from
 * any thread.
 *
 * <p>Time is injected through the two configurations: the source's reconnect backoff and deadline
 * run on {@link CdcConfig#ticker()} and {@link CdcConfig#sleeper()}, the target's retries on {@link
 * SinkConfig#ticker()} and {@link SinkConfig#sleeper()}; the flush interval on {@link
 * SinkConfig#ticker()}.
 */
public final class Replicator implements Job<ReplicatorStats>, AutoCloseable {

  /** Prefix of the logical message that marks the end of the initial snapshot in the stream. */
  public static final String SNAPSHOT_MARK = "pgpipe.sink.snapshot-done";

  private static final Logger log = LoggerFactory.getLogger(Replicator.class);

  /** How many batches' worth of events may wait for the target's flush before a batch waits. */
  private static final int HELD_BATCHES = 4;

  /** How long a stopping replicator waits for the target to flush its last batches. */
  private static final Duration SETTLE = Duration.ofSeconds(2);

  private final CdcConfig source;
  private final TableSink sink;
  private final Applied applied = new Applied();
  private final BackfillOptions backfill;
  private volatile @Nullable Backfiller backfiller;
  private volatile @Nullable DrainLoop loop;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile @Nullable ChangeStream stream;

  private Replicator(CdcConfig source, TableSink sink, BackfillOptions backfill) {
    this.source = source;
    this.sink = sink;
    this.backfill = backfill;
  }

  /** Opens the target (creating ledger and dead-letter tables); the source is opened by run. */
  public static Replicator create(CdcConfig source, SinkConfig target) {
    return create(source, target, BackfillOptions.DEFAULTS);
  }

  /** {@link #create(CdcConfig, SinkConfig)} with backfills chunked as {@code backfill} says. */
  public static Replicator create(CdcConfig source, SinkConfig target, BackfillOptions backfill) {
    return new Replicator(source, TableSink.open(target), backfill);
  }

  /**
   * Replicates until {@link #stop()} or {@link #close()} is called, or a failure no retry can fix
   * (thrown).
   */
  @Override
  public Outcome<ReplicatorStats> run() {
    try {
      boolean again = false;
      while (true) {
        try {
          return replicate(again ? prepareAgain() : prepare());
        } catch (TargetRolledBackException e) {
          if (stopping || Thread.currentThread().isInterrupted()) {
            throw e; // asked to stop (an interrupt the drain loop put back counts)
          }
          log.warn("{}", e.getMessage());
          again = true;
        }
      }
    } finally {
      stopped.countDown();
    }
  }

  /** Readies source and target for streaming; returns whether the initial snapshot is done. */
  private boolean prepare() {
    prepareSnapshot();
    NewTables.request(source, sink, snapshotPending());
    return sink.position().snapshotDone();
  }

  /**
   * {@link #prepare()} after the target lost batches: its pool may still hold sessions the crash
   * ended, so transient failures are retried as {@link TableSink#apply} retries them.
   */
  private boolean prepareAgain() {
    return sink.retrying(this::prepare);
  }

  private Outcome<ReplicatorStats> replicate(boolean snapshotDone) {
    WindowMerge windows = new WindowMerge();
    try (ChangeStream stream = ChangeStream.open(source.resumedBy(snapshotDone));
        Backfiller filler = startBackfiller(windows);
        @Nullable Database session =
            sink.config().synchronousCommit()
                ? null
                : Database.builder()
                    .settings(sink.database().settings())
                    .maxSize(1)
                    .name("pgpipe-flush")
                    .open()) {
      this.stream = stream;
      stream.warnings().forEach(w -> log.warn("source: {}", w));
      markSnapshotEnd();
      return drain(stream, windows, session);
    }
  }

  /**
   * Replicates on a thread of its own while the calling thread watches: every {@code interval} the
   * stats go to {@code report}, and once {@code until} says so the pending batch is applied and
   * acknowledged and the target closed. Returns the final stats.
   *
   * @throws RuntimeException what the replication failed with
   */
  public static ReplicatorStats runUntil(
      CdcConfig source,
      SinkConfig target,
      Duration interval,
      Consumer<ReplicatorStats> report,
      Predicate<ReplicatorStats> until) {
    try (Replicator replicator = create(source, target)) {
      return JobRunner.run(
              replicator,
              "pgpipe-replicate",
              interval,
              report,
              stats -> until.test(stats) ? StopReason.FINISHED : null)
          .stats();
    }
  }

  private boolean snapshotPending() {
    return source.snapshot() == SnapshotMode.INITIAL && !sink.position().snapshotDone();
  }

  /**
   * Makes the snapshot start from nothing when it must be taken (again): after an interrupted one
   * (the ledger has rows but not the end of the snapshot), and when the slot of a finished one is
   * gone (the changes since the target's position cannot be read any more).
   */
  private void prepareSnapshot() {
    if (source.snapshot() != SnapshotMode.INITIAL) {
      return;
    }
    boolean slotExists =
        Slots.list(source.connection()).stream().anyMatch(s -> s.name().equals(source.slot()));
    List<String> tables = source.tables().isEmpty() ? sink.config().tables() : source.tables();
    if (!snapshotPending()) {
      if (!slotExists) {
        log.warn(
            "slot {} is gone, so the changes after the target's position {} cannot be read;"
                + " emptying {} and copying the tables again",
            source.slot(),
            sink.position(),
            tables);
        sink.reset(tables);
      }
      return;
    }
    if (sink.recorded()) {
      log.warn("initial snapshot was interrupted; emptying {} and starting it again", tables);
      sink.reset(tables);
    }
    if (slotExists) {
      log.info("dropping slot {} to take the snapshot again", source.slot());
      Slots.drop(source.connection(), source.slot(), true);
    }
  }

  private void markSnapshotEnd() {
    if (!snapshotPending()) {
      return;
    }
    try (Database db = Database.builder().settings(source.connection()).maxSize(1).open()) {
      db.sql("SELECT pg_logical_emit_message(false, ?, '')", SNAPSHOT_MARK).map(r -> 1).list();
    }
  }

  private Backfiller startBackfiller(WindowMerge windows) {
    Backfiller started =
        Backfiller.start(
            new Backfiller.Parts(
                source.connection(),
                sink.database(),
                sink.config().schema(),
                sink.config().sourceId(),
                NewTables.streamed(source),
                windows),
            backfill);
    this.backfiller = started;
    return started;
  }

  /** The table being backfilled and how far it got; null when none is. */
  public @Nullable BackfillProgress backfilling() {
    Backfiller running = backfiller;
    return running == null ? null : running.status();
  }

  private Outcome<ReplicatorStats> drain(
      ChangeStream stream, WindowMerge windows, @Nullable Database session) {
    @Nullable FlushedAcks acks = flushedAcks(stream, session);
    DrainLoop loop =
        DrainLoop.builder(
                acks == null ? stream : acks,
                batch -> {
                  List<Transaction> merged = windows.merge(batch);
                  applied.add(
                      acks == null ? sink.apply(merged) : acks.apply(merged, sink::applyAfter));
                  windows.applied();
                })
            .meters(Metrics.globalRegistry, Tags.of("slot", source.slot()))
            .batchEvents(sink.config().batchSize())
            .batchBytes(sink.config().batchBytes())
            .flushInterval(sink.config().flushInterval())
            .pollTimeouts(Duration.ofMillis(200), Duration.ZERO)
            .ticker(sink.config().ticker())
            .build();
    this.loop = loop;
    if (stopping) {
      loop.stop();
    }
    StopReason reason = loop.run().reason();
    if (acks != null && acks.settle(SETTLE) > 0) {
      log.info(
          "the target had not flushed the last batches within {}; the source sends them again on"
              + " the next start and the ledger skips them",
          SETTLE);
    }
    return new Outcome<>(reason, stats());
  }

  /**
   * What holds the acknowledgements until the target flushed, reading it through {@code session};
   * null with synchronous commits (no session).
   */
  private @Nullable FlushedAcks flushedAcks(ChangeStream stream, @Nullable Database session) {
    SinkConfig config = sink.config();
    return session == null
        ? null
        : new FlushedAcks(
            stream,
            () -> sink.wal(session),
            config.sourceId(),
            HELD_BATCHES * (long) config.batchSize(),
            config.ticker());
  }

  @Override
  public ReplicatorStats stats() {
    DrainLoop running = loop;
    return applied.stats(running == null ? DrainStats.NONE : running.stats());
  }

  /**
   * Stops replicating: the pending batch is applied and acknowledged, then {@link #run()} returns.
   */
  @Override
  public void stop() {
    stopping = true;
    DrainLoop running = loop;
    if (running != null) {
      running.stop();
    }
  }

  /** Where the source stream is ({@link StreamState#STARTING} before it opened). Thread-safe. */
  public StreamState sourceState() {
    ChangeStream current = stream;
    return current == null ? StreamState.STARTING : current.state();
  }

  /** The source stream's last connection failure, if any. Thread-safe. */
  public java.util.Optional<String> sourceError() {
    ChangeStream current = stream;
    return current == null ? java.util.Optional.empty() : current.lastError();
  }

  /** The sink it writes through (position, dead letters). */
  public TableSink sink() {
    return sink;
  }

  /**
   * Stops replicating: the pending batch is applied and acknowledged, then source and target are
   * closed. Waits up to 60 s for {@link #run()} to return. Idempotent.
   */
  @Override
  public void close() {
    stop();
    try {
      if (!stopped.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
        log.warn("replicator did not stop within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      sink.close();
    }
  }

  /** What the table sink reported: updated by the replicating thread, read by any. */
  private static final class Applied {
    private long events;
    private long skipped;
    private long deadLettered;

    synchronized void add(ApplyResult result) {
      events += result.events();
      skipped += result.skipped();
      deadLettered += result.deadLettered();
    }

    synchronized ReplicatorStats stats(DrainStats drained) {
      Instant last = drained.lastCommit();
      return new ReplicatorStats(
          drained.parts(),
          events,
          drained.batches(),
          skipped,
          deadLettered,
          last == null ? Instant.EPOCH : last,
          drained.lag());
    }
  }
}
