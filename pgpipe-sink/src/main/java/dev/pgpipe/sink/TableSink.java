package dev.pgpipe.sink;

import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.TransactionSink;
import dev.pgpipe.client.Attempts;
import dev.pgpipe.client.Backoff;
import dev.pgpipe.client.CommitOutcomeUnknownException;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.Identifier;
import dev.pgpipe.client.PgException;
import dev.pgpipe.client.RunningTransaction;
import dev.pgpipe.client.TransactionOptions;
import dev.pgpipe.sink.backfill.BackfillTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies change events to a target PostgreSQL exactly once.
 *
 * <pre>{@code
 * try (TableSink sink = TableSink.open(SinkConfig.fromEnvironment(System.getenv()).build())) {
 *   ApplyResult done = sink.apply(transactions); // committed, ledger included
 *   stream.acknowledge(...);                      // only now may the source forget them
 * }
 * }</pre>
 *
 * <p>{@link #apply} runs one target transaction: it locks the source's ledger row, skips events at
 * or below the recorded position, applies the rest set-based (COPY into staging tables, then {@code
 * DELETE ... USING}, {@code INSERT ... ON CONFLICT}, {@code UPDATE ... FROM}), sends events the
 * target refuses to the dead-letter table, and writes the new position, all in that one
 * transaction. Its first attempt takes no savepoint; when the target refuses anything, it is rolled
 * back and the batch applied again under savepoints, which isolate the refused events, starting
 * from the halves of what was refused (a call inside a transaction already running on the database,
 * which it joins and cannot roll back alone, takes savepoints from the start). Deadlocks and
 * serialization failures are retried at once by the transaction; every transient failure ({@link
 * PgException#isTransient()}: a lost connection, a server restarting or short of resources, a
 * timeout) is retried by {@link #RECONNECT} for {@link SinkConfig#reconnectFor()}, measured on
 * {@link SinkConfig#ticker()} and waited through {@link SinkConfig#sleeper()}; when the outcome of
 * a COMMIT is unknown, the batch is simply applied again: the ledger makes that a no-op if it had
 * committed. Thread-safe; calls for one source id are serialized by the ledger row lock. See {@code
 * pgpipe-sink/GUARANTEES.md}.
 */
public final class TableSink implements TransactionSink, AutoCloseable {

  /** The waits of {@link #apply} between attempts: 50 ms doubling to 5 s, no jitter. */
  public static final Backoff RECONNECT =
      Backoff.exponential(Duration.ofMillis(50), Duration.ofSeconds(5));

  private static final Logger log = LoggerFactory.getLogger(TableSink.class);

  private final Database db;
  private final boolean owned;
  private final SinkParts parts;
  private final SinkMeters meters;

  private TableSink(Database db, boolean owned, SinkConfig config) {
    this.db = db;
    this.owned = owned;
    TargetCatalog catalog = new TargetCatalog(db, config.tables());
    PausedTables paused = new PausedTables(config.schema());
    this.parts =
        new SinkParts(
            config,
            new PositionLedger(config.schema()),
            new DeadLetters(config.schema()),
            catalog,
            paused,
            new SchemaFollower(config, catalog, paused));
    this.meters = new SinkMeters(config.sourceId());
  }

  /** Opens a pool to {@link SinkConfig#connection()} and creates the sink's tables if missing. */
  public static TableSink open(SinkConfig config) {
    Database db =
        Database.builder()
            .settings(
                Objects.requireNonNull(config.connection(), "the sink config has no connection"))
            .name("pgpipe-sink")
            .ticker(config.ticker())
            .sleeper(config.sleeper())
            .open();
    try {
      return start(db, true, config);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** A sink on a pool the caller owns (and closes). */
  public static TableSink using(Database db, SinkConfig config) {
    return start(db, false, config);
  }

  private static TableSink start(Database db, boolean owned, SinkConfig config) {
    TableSink sink = new TableSink(db, owned, config);
    sink.migrate();
    return sink;
  }

  /** Creates the schema, the ledger and the dead-letter table when missing. Idempotent. */
  public void migrate() {
    String schema = Identifier.quote(parts.config().schema());
    db.useTransaction(
        tx -> {
          MigrationLock.take(tx);
          tx.sql("CREATE SCHEMA IF NOT EXISTS " + schema).update();
          tx.sql(parts.ledger().createSql()).update();
          tx.sql(parts.deadLetters().createSql()).update();
          tx.sql(parts.deadLetters().upgradeSql()).update();
          parts.paused().createSql().forEach(sql -> tx.sql(sql).update());
          tx.sql(new BackfillTable(parts.config().schema()).createSql()).update();
          new SnapshotGenerations(parts.config().schema())
              .createSql()
              .forEach(sql -> tx.sql(sql).update());
        });
  }

  /**
   * Applies the transactions (or parts), in the order given, in one target transaction.
   *
   * @throws PgException when the target stays unreachable for {@link SinkConfig#reconnectFor()} or
   *     fails in a way a retry cannot fix
   */
  public ApplyResult apply(List<Transaction> batch) {
    return apply(batch, true, null);
  }

  /**
   * {@link #apply} for a caller that acknowledges its source only once the target's WAL is flushed
   * past the batch ({@link FlushedAcks}, from {@link #wal}). Unless {@code waitForFlush}, the
   * commit does not wait for that flush ({@code synchronous_commit = off}, as PostgreSQL's own
   * subscriptions commit; set by the ledger's write at the batch's end, so the batch's statements
   * and triggers see the session's setting), so a crash of the target may undo the batch, ledger
   * included, after this returned. A batch holding snapshot rows always waits: the ledger does not
   * record them, so their loss could not be told. {@code floor} is the last transaction committed
   * before (null for none): a ledger that no longer covers it means the target lost batches.
   *
   * @throws TargetRolledBackException when the ledger does not cover {@code floor}
   */
  public ApplyResult applyAfter(
      List<Transaction> batch, @Nullable Position floor, boolean waitForFlush) {
    return apply(batch, waitForFlush, floor);
  }

  /**
   * Where the target's WAL and this source's ledger are, read through {@code session}: a pool of
   * one connection of its own, so that successive readings come from one server session as long as
   * it lasts.
   */
  public TargetWal wal(Database session) {
    return session.withJdbcConnection(
        c -> TargetWal.read(c, parts.ledger(), parts.config().sourceId()));
  }

  private ApplyResult apply(
      List<Transaction> batch, boolean waitForFlush, @Nullable Position floor) {
    SinkConfig config = parts.config();
    Attempts attempts = RECONNECT.withMaxElapsed(config.reconnectFor()).start(config.ticker());
    long started = System.nanoTime();
    // Unguarded until the target refuses something (see BatchApply); a joined transaction cannot
    // be rolled back alone, so a call inside one is guarded from the start.
    BatchOpening opening =
        db.inTransactionOnThisThread() ? BatchApply::guarded : BatchApply::unguarded;
    List<BatchApply> opened = new ArrayList<>(1);
    BatchApply uncertain = null; // the attempt whose COMMIT's outcome is unknown, if any
    while (true) {
      opened.clear();
      try {
        ApplyResult result =
            inBatch(opening, opened, apply -> apply.run(batch, waitForFlush, floor));
        if (uncertain != null && result.skipped() == result.events()) {
          uncertain.committed(); // the ledger covers the batch: that attempt did commit
        }
        meters.applied(batch, result, System.nanoTime() - started);
        return result;
      } catch (BatchApply.NeedsSavepoints e) {
        log.debug("{}", e.getMessage());
        meters.refusedFirstAttempt();
        opening = (tx, connection, p) -> BatchApply.afterRefusal(tx, connection, p, e);
        continue;
      } catch (CommitOutcomeUnknownException e) {
        uncertain = opened.isEmpty() ? uncertain : opened.get(opened.size() - 1);
        attempts.failed(); // no deadline: the ledger makes the repeat safe, and it must be known
        log.warn("commit outcome unknown; applying the batch again (the ledger skips it if done)");
      } catch (PgException e) {
        if (!e.isTransient() || !attempts.failed()) {
          throw e;
        }
        log.warn("target unavailable ({}); retrying in {}", e.getMessage(), attempts.nextDelay());
      }
      meters.retried();
      pause(attempts, config);
    }
  }

  /** How a target transaction opens its {@link BatchApply}: guarded, unguarded, after a refusal. */
  @FunctionalInterface
  private interface BatchOpening {
    BatchApply open(RunningTransaction tx, Connection connection, SinkParts parts);
  }

  /** What one target transaction does with its {@link BatchApply}. */
  @FunctionalInterface
  private interface BatchWork<T> {
    T run(BatchApply apply) throws SQLException;
  }

  /**
   * Runs {@code work} in one target transaction with a new {@link BatchApply}, added to {@code
   * opened} (one per try of the transaction); once it committed, the target shapes the batch
   * checked or changed hold, and what it did is logged.
   */
  private <T> T inBatch(BatchOpening opening, List<BatchApply> opened, BatchWork<T> work) {
    T result =
        db.inTransaction(
            TransactionOptions.defaults(),
            tx ->
                db.withJdbcConnection(
                    connection -> {
                      BatchApply apply = opening.open(tx, connection, parts);
                      opened.add(apply);
                      return work.run(apply);
                    }));
    opened.get(opened.size() - 1).committed();
    return result;
  }

  /**
   * Runs {@code work} against the target, retrying transient failures as {@link #apply} does: for
   * {@link SinkConfig#reconnectFor()}, waiting {@link #RECONNECT} between attempts.
   *
   * @throws PgException when the failure is not transient or the time is up
   */
  <T> T retrying(Supplier<T> work) {
    SinkConfig config = parts.config();
    Attempts attempts = RECONNECT.withMaxElapsed(config.reconnectFor()).start(config.ticker());
    while (true) {
      try {
        return work.get();
      } catch (PgException e) {
        if (!e.isTransient() || !attempts.failed()) {
          throw e;
        }
        log.warn("target unavailable ({}); retrying in {}", e.getMessage(), attempts.nextDelay());
      }
      pause(attempts, config);
    }
  }

  private static void pause(Attempts attempts, SinkConfig config) {
    try {
      attempts.pause(config.sleeper());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SinkException("interrupted while waiting to reconnect", e);
    }
  }

  /**
   * {@link #apply}, as a {@link TransactionSink}: when it returns the batch is committed with its
   * ledger position, so a {@link dev.pgpipe.cdc.DrainLoop} or a JetStream consumer may acknowledge
   * it.
   *
   * @throws PgException as {@link #apply} does
   */
  @Override
  public void write(List<Transaction> batch) {
    apply(batch);
  }

  /**
   * Applies the held changes of a paused table in the order they were held, through the same path
   * as any batch, and lifts the pause, in one transaction that also locks the source's ledger row
   * (so a running sink of the source waits, then sees the table flowing again). Returns how many
   * changes were applied.
   *
   * @throws SinkException when the table is not paused for this sink's source, or its target table
   *     still cannot take the held changes (nothing changes then; the message says what to fix)
   */
  public long resume(String table) {
    String label = table.contains(".") ? table : "public." + table;
    return inBatch(BatchApply::guarded, new ArrayList<>(1), apply -> apply.resume(label));
  }

  /**
   * Every table paused in the target of {@code db}, for any source, with the sink tables in {@code
   * schema}; empty when nothing was ever paused there. Creates nothing.
   */
  public static List<PausedTable> paused(Database db, String schema) {
    return new PausedTables(schema).list(db);
  }

  /** The tables paused for this sink's source, as of its last batch ({@code schema.name}). */
  public java.util.Set<String> pausedTables() {
    return parts.schema().paused();
  }

  /**
   * Asks for a backfill of {@code label} ({@code schema.name}) for this sink's source, from the
   * start: a replication of the source takes it up while it streams ({@code
   * pgpipe-sink/GUARANTEES.md}, "Backfills"). Returns the request's number.
   */
  public long requestBackfill(String label) {
    return db.withJdbcConnection(
        c ->
            new BackfillTable(parts.config().schema())
                .request(c, parts.config().sourceId(), label));
  }

  /** The source's position in the ledger ({@link Position#NONE} before anything was applied). */
  public Position position() {
    return db.withJdbcConnection(c -> parts.ledger().read(c, parts.config().sourceId()));
  }

  /** Whether the ledger has a row for the source: some batch was committed for it. */
  public boolean recorded() {
    return db.withJdbcConnection(c -> parts.ledger().exists(c, parts.config().sourceId()));
  }

  /**
   * Forgets the source and empties the whitelisted target tables it fed, in one transaction: for a
   * replication whose initial snapshot was interrupted and starts over.
   */
  public void reset(List<String> qualifiedTables) {
    db.useTransaction(
        tx ->
            db.withJdbcConnection(
                c -> {
                  for (String name : qualifiedTables) {
                    int dot = name.indexOf('.');
                    String schema = dot < 0 ? "public" : name.substring(0, dot);
                    String table = dot < 0 ? name : name.substring(dot + 1);
                    parts
                        .catalog()
                        .table(schema, table)
                        .ifPresent(t -> Truncates.empty(c, t, " to reset the sink"));
                  }
                  parts.ledger().delete(c, parts.config().sourceId());
                  new SnapshotGenerations(parts.config().schema())
                      .forget(c, parts.config().sourceId());
                  return Boolean.TRUE;
                }));
  }

  /** Rows in the dead-letter table for this sink's source. */
  public long deadLetters() {
    return db.sql(
            "SELECT count(*) FROM "
                + Identifier.quote(parts.config().schema(), "sink_dead_letters")
                + " WHERE source_id = ?",
            parts.config().sourceId())
        .scalar(Long.class);
  }

  /** Drops cached table definitions (after DDL on the target). */
  public void refreshCatalog() {
    parts.catalog().forget();
  }

  public SinkConfig config() {
    return parts.config();
  }

  /** The pool it writes through. */
  public Database database() {
    return db;
  }

  /** Closes the pool if the sink opened it. */
  @Override
  public void close() {
    if (owned) {
      db.close();
    }
  }
}
