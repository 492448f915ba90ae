package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.client.PgException;
import dev.pgpipe.client.RunningTransaction;
import dev.pgpipe.copy.Bisection;
import dev.pgpipe.sink.backfill.BackfillTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One batch inside one target transaction: lock the ledger row, drop what it covers, apply the rest
 * set-based, write the new position. When the set-based attempt fails on a value or a constraint,
 * it is rolled back to a savepoint and the events are applied in halves, recursively ({@link
 * Bisection}, shared with pgpipe-copy), so that only the events the target refuses go to the
 * dead-letter table, in order with the rest. Deadlocks, serialization failures and lost connections
 * are not caught here: the whole transaction is retried.
 *
 * <p>An {@link #unguarded} batch takes no savepoint for its first, whole attempt, which saves a
 * round trip and a subtransaction per batch: when the target refuses anything, it throws {@link
 * NeedsSavepoints}, the caller rolls the whole transaction back and applies the batch again {@link
 * #afterRefusal}, which bisects as above but starts from the halves of the run of events that was
 * refused (its whole is known to be refused). A refusal thus costs the work of the first attempt,
 * and nothing of it stays, not even its log lines ({@link CommitNotices}).
 */
final class BatchApply {

  /**
   * The target refused some of an {@link #unguarded} batch's events: roll the transaction back and
   * apply the batch again {@link #afterRefusal}, which isolates them.
   */
  static final class NeedsSavepoints extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int runIndex;

    private NeedsSavepoints(Exception refusal, int runIndex) {
      super(
          "the target refused part of the batch ("
              + message(refusal)
              + "); it is applied again under savepoints, which isolate the refused events",
          refusal);
      this.runIndex = runIndex;
    }
  }

  private final RunningTransaction tx;
  private final Connection connection;
  private final SinkParts parts;
  private final Set<String> stages = new HashSet<>();
  private final SchemaFollower.Batch schema;
  private final BackfillTable backfills;
  private final SnapshotGenerations snapshots;
  private final boolean guarded;
  private final OptionalInt refusedRun;
  private final CommitNotices notices = new CommitNotices();
  private int runIndex;
  private long ignored;
  private long deadLettered;

  private BatchApply(
      RunningTransaction tx,
      Connection connection,
      SinkParts parts,
      boolean guarded,
      OptionalInt refusedRun) {
    this.tx = tx;
    this.connection = connection;
    this.parts = parts;
    this.guarded = guarded;
    this.refusedRun = refusedRun;
    this.schema = parts.schema().begin(connection, notices);
    this.backfills = new BackfillTable(parts.config().schema());
    this.snapshots = new SnapshotGenerations(parts.config().schema());
  }

  /** A batch whose every attempt runs under a savepoint: refused events become dead letters. */
  static BatchApply guarded(RunningTransaction tx, Connection connection, SinkParts parts) {
    return new BatchApply(tx, connection, parts, true, OptionalInt.empty());
  }

  /**
   * A {@link #guarded} batch whose {@link #unguarded} attempt threw {@code refusal}: the run of
   * events it was refused in is bisected at once ({@link Bisection#afterRefusal}), sparing a second
   * attempt of the whole run.
   */
  static BatchApply afterRefusal(
      RunningTransaction tx, Connection connection, SinkParts parts, NeedsSavepoints refusal) {
    return new BatchApply(tx, connection, parts, true, OptionalInt.of(refusal.runIndex));
  }

  /**
   * A batch whose whole first attempt takes no savepoint, and throws {@link NeedsSavepoints} if
   * refused.
   */
  static BatchApply unguarded(RunningTransaction tx, Connection connection, SinkParts parts) {
    return new BatchApply(tx, connection, parts, false, OptionalInt.empty());
  }

  ApplyResult run(List<Transaction> batch) throws SQLException {
    return run(batch, true, null);
  }

  /**
   * {@link #run(List)}; with {@code waitForFlush} false a batch without snapshot rows commits
   * without waiting for the target's WAL flush, and a ledger that does not cover {@code floor} (the
   * last transaction committed before) throws {@link TargetRolledBackException} ({@link
   * TableSink#applyAfter}).
   */
  ApplyResult run(List<Transaction> batch, boolean waitForFlush, @Nullable Position floor)
      throws SQLException {
    boolean waitsForFlush = waitForFlush || batch.stream().anyMatch(Transaction::isSnapshot);
    String source = parts.config().sourceId();
    Position at = parts.ledger().lock(connection, source);
    if (floor != null && !at.covers(floor.commitLsn(), floor.eventIndex())) {
      throw new TargetRolledBackException(source, at, floor.commitLsn());
    }
    SnapshotGenerations.Plan snapshot =
        snapshots.begin(connection, source, batch, at, parts.catalog(), notices);
    List<Pending> todo = new ArrayList<>();
    long events = 0;
    Position next = at;
    for (Transaction tx : batch) {
      events += tx.size();
      long commitLsn = tx.isSnapshot() ? 0 : tx.commitLsn();
      for (ChangeEvent e : tx.events()) {
        if (!at.covers(tx, e) && !snapshot.superseded(tx)) {
          todo.add(new Pending(e, commitLsn));
        }
      }
      next = next.after(tx);
    }
    if (!todo.isEmpty()) {
      applyInOrder(todo);
      schema.finish();
      backfills.record(connection, source, todo.stream().map(Pending::event).toList());
    }
    // the ledger's write also sets the COMMIT's wait for the WAL flush (synchronous_commit)
    parts.ledger().write(connection, source, next, waitsForFlush);
    return new ApplyResult(events, events - todo.size(), ignored, deadLettered, next);
  }

  /**
   * Applies the held changes of the paused table {@code label} in order and lifts its pause: see
   * {@link TableSink#resume}.
   */
  long resume(String label) throws SQLException {
    String source = parts.config().sourceId();
    parts.ledger().lock(connection, source);
    Optional<String> holder = parts.paused().lock(connection, source, label);
    if (holder.isEmpty()) {
      throw new SinkException(
          "table " + label + " is not paused for source " + source + ": nothing to resume");
    }
    if (!holder.get().equals(label)) {
      throw new SinkException(
          "table "
              + label
              + " was renamed from "
              + holder.get()
              + " on the source while that table was paused, and its changes are held with "
              + holder.get()
              + "'s, after the rename: run pgpipe sink resume "
              + holder.get()
              + ", which applies both in order");
    }
    List<Pending> held = parts.paused().held(connection, source, label);
    schema.resuming(label);
    if (!held.isEmpty()) {
      applyInOrder(held);
    }
    schema.finish();
    parts.paused().forget(connection, source, label);
    return held.size();
  }

  /**
   * The batch committed: the target shapes it checked or changed now hold, and what it did to the
   * target is logged.
   */
  void committed() {
    schema.committed();
    notices.committed();
  }

  /** Prepares and applies {@code todo} run by run: see {@link CapturedRenames#runs}. */
  private void applyInOrder(List<Pending> todo) throws SQLException {
    runIndex = 0;
    for (CapturedRenames.Run run : CapturedRenames.runs(todo)) {
      applyAll(schema.prepare(run));
      runIndex++;
    }
  }

  /**
   * Applies the events under savepoints; {@link Bisection} narrows a refused run down to the events
   * the target refuses, which become dead letters. The run an unguarded attempt was refused in
   * starts from its halves.
   */
  private void applyAll(List<Pending> todo) throws SQLException {
    Bisection.Attempt<Exception, SQLException> attempt =
        (from, to) -> attempt(todo.subList(from, to), to - from == todo.size());
    Bisection.Refused<Exception, SQLException> refused =
        (index, refusal) -> deadLetter(todo.get(index), message(refusal), sqlState(refusal));
    if (refusedRun.isPresent() && refusedRun.getAsInt() == runIndex) {
      Bisection.afterRefusal(todo.size(), attempt, refused);
    } else {
      Bisection.run(todo.size(), attempt, refused);
    }
  }

  /**
   * Applies the events under a savepoint; rolls back and returns the refusal when refused. When the
   * whole batch went through in one attempt, nothing follows it but the ledger and COMMIT, so its
   * savepoint is left to the COMMIT to release, saving a round trip; the attempts of a bisection
   * release theirs, keeping the server's subtransactions from piling up. The whole attempt of an
   * {@link #unguarded} batch takes none.
   */
  private @Nullable Exception attempt(List<Pending> events, boolean wholeBatch)
      throws SQLException {
    if (wholeBatch && !guarded) {
      try {
        execute(events);
        return null;
      } catch (SQLException | RowRejectedException | PgException e) {
        Transience.rethrowIfTransient(e);
        throw new NeedsSavepoints(e, runIndex);
      }
    }
    Savepoint savepoint = connection.setSavepoint();
    long ignoredBefore = ignored;
    long deadBefore = deadLettered;
    try {
      execute(events);
      if (!wholeBatch) {
        connection.releaseSavepoint(savepoint);
      }
      return null;
    } catch (SQLException | RowRejectedException | PgException e) {
      Transience.rethrowIfTransient(e);
      connection.rollback(savepoint);
      stages.clear(); // the rollback may have undone the creation of a staging table
      ignored = ignoredBefore;
      deadLettered = deadBefore;
      return e;
    }
  }

  private void execute(List<Pending> todo) throws SQLException {
    Planner planner = new Planner(schema);
    List<ChangeEvent> events = new ArrayList<>(todo.size());
    todo.forEach(p -> events.add(p.event()));
    List<Step> steps = planner.plan(events);
    ignored += planner.ignored();
    ConflictStrategy strategy = parts.config().conflictStrategy();
    for (Step step : steps) {
      switch (step) {
        case Step.Rows rows -> apply(TableChanges.of(rows, strategy), strategy);
        case Step.Truncate truncate -> Truncates.run(connection, truncate);
        case Step.Reject reject -> deadLetter(find(todo, reject.event()), reject.reason(), null);
      }
    }
  }

  /**
   * Applies a table's rows by the path that fits them: {@link PipelinedApply} (one prepared
   * statement per row, pipelined) for up to {@link SinkConfig#pipelinedRows()} rows, where a
   * set-based statement would cost more server work than the rows themselves; above it, rows that
   * are all new go by {@link DirectCopy} when the target takes them, rows that are all inserts or
   * all upserts of whole rows by {@link ArrayApply} (one statement), and the rest by {@link
   * StagedApply} (binary COPY into a reused staging table, then set-based statements).
   */
  private void apply(TableChanges changes, ConflictStrategy strategy) throws SQLException {
    if (changes.rows().size() <= parts.config().pipelinedRows()) {
      new PipelinedApply(connection, strategy).apply(changes);
      return;
    }
    if (DirectCopy.apply(tx, connection, changes)) {
      return;
    }
    if (ArrayApply.fits(changes)) {
      ArrayApply.apply(connection, changes);
    } else {
      new StagedApply(tx, connection, strategy, stages).apply(changes);
    }
  }

  private static Pending find(List<Pending> todo, ChangeEvent event) {
    for (Pending p : todo) {
      if (p.event() == event) {
        return p;
      }
    }
    return new Pending(event, 0);
  }

  private void deadLetter(Pending pending, String error, @Nullable String sqlState)
      throws SQLException {
    parts
        .deadLetters()
        .add(
            connection,
            parts.config().sourceId(),
            pending.commitLsn(),
            pending.event(),
            error,
            sqlState);
    deadLettered++;
  }

  /** The server's own message (a COPY failure's too, not the client's wrapper of it). */
  private static String message(Exception e) {
    Throwable cause = e instanceof PgException && e.getCause() instanceof SQLException s ? s : e;
    cause = serverError(cause);
    String text = cause.getMessage();
    return text == null ? cause.getClass().getSimpleName() : text;
  }

  private static @Nullable String sqlState(Exception e) {
    return switch (e) {
      case SQLException s -> ((SQLException) serverError(s)).getSQLState();
      case PgException p -> p.sqlState();
      default -> null;
    };
  }

  /**
   * The server's own error behind a pipelined batch's {@code BatchUpdateException}, whose message
   * is the driver's ("Batch entry 0 ... was aborted"); any other failure as it is.
   */
  private static Throwable serverError(Throwable failure) {
    if (failure instanceof java.sql.BatchUpdateException batch
        && batch.getNextException() != null) {
      return batch.getNextException();
    }
    return failure;
  }
}
