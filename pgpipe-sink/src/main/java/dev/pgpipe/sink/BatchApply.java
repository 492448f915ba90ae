package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.client.PgException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One batch inside one target transaction: lock the ledger row, drop what it covers, apply the rest
 * set-based, write the new position. When the set-based attempt fails on a value or a constraint,
 * it is rolled back to a savepoint and the events are applied in halves, recursively, so that only
 * the events the target refuses go to the dead-letter table, in order with the rest. Deadlocks,
 * serialization failures and lost connections are not caught here: the whole transaction is
 * retried.
 */
final class BatchApply {

  private final Connection connection;
  private final SinkParts parts;
  private long ignored;
  private long deadLettered;

  BatchApply(Connection connection, SinkParts parts) {
    this.connection = connection;
    this.parts = parts;
  }

  ApplyResult run(List<Transaction> batch) throws SQLException {
    String source = parts.config().sourceId();
    Position at = parts.ledger().lock(connection, source);
    List<Pending> todo = new ArrayList<>();
    long events = 0;
    Position next = at;
    for (Transaction tx : batch) {
      events += tx.size();
      long commitLsn = tx.isSnapshot() ? 0 : tx.commitLsn();
      for (ChangeEvent e : tx.events()) {
        if (!at.covers(tx, e)) {
          todo.add(new Pending(e, commitLsn));
        }
      }
      next = next.after(tx);
    }
    if (!todo.isEmpty()) {
      applyAll(todo);
    }
    parts.ledger().write(connection, source, next);
    return new ApplyResult(events, events - todo.size(), ignored, deadLettered, next);
  }

  private void applyAll(List<Pending> todo) throws SQLException {
    Savepoint savepoint = connection.setSavepoint();
    try {
      execute(todo);
      connection.releaseSavepoint(savepoint);
    } catch (SQLException | RowRejectedException e) {
      rethrowIfTransient(e);
      connection.rollback(savepoint);
      ignored = 0;
      deadLettered = 0;
      split(todo);
    }
  }

  /** Applies the events in two halves, each under its own savepoint; a single failing one dies. */
  private void split(List<Pending> todo) throws SQLException {
    if (todo.size() == 1) {
      Savepoint savepoint = connection.setSavepoint();
      try {
        execute(todo);
        connection.releaseSavepoint(savepoint);
      } catch (SQLException | RowRejectedException e) {
        rethrowIfTransient(e);
        connection.rollback(savepoint);
        deadLetter(todo.get(0), message(e), e instanceof SQLException s ? s.getSQLState() : null);
      }
      return;
    }
    int middle = todo.size() / 2;
    for (List<Pending> half : List.of(todo.subList(0, middle), todo.subList(middle, todo.size()))) {
      Savepoint savepoint = connection.setSavepoint();
      long ignoredBefore = ignored;
      long deadBefore = deadLettered;
      try {
        execute(half);
        connection.releaseSavepoint(savepoint);
      } catch (SQLException | RowRejectedException e) {
        rethrowIfTransient(e);
        connection.rollback(savepoint);
        ignored = ignoredBefore;
        deadLettered = deadBefore;
        split(half);
      }
    }
  }

  private void execute(List<Pending> todo) throws SQLException {
    Planner planner = new Planner(parts.catalog());
    List<ChangeEvent> events = new ArrayList<>(todo.size());
    todo.forEach(p -> events.add(p.event()));
    List<Step> steps = planner.plan(events);
    ignored += planner.ignored();
    ConflictStrategy strategy = parts.config().conflictStrategy();
    for (Step step : steps) {
      switch (step) {
        case Step.Rows rows -> new RowsApply(connection, strategy).apply(rows);
        case Step.Truncate truncate -> SingleSteps.truncate(connection, truncate);
        case Step.KeyChange change -> SingleSteps.keyChange(connection, change, strategy);
        case Step.Reject reject -> deadLetter(find(todo, reject.event()), reject.reason(), null);
      }
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

  private static String message(Exception e) {
    String text = e.getMessage();
    return text == null ? e.getClass().getSimpleName() : text;
  }

  /** Transient failures ({@link PgException#isTransient()}): the whole transaction is retried. */
  private static void rethrowIfTransient(Exception e) throws SQLException {
    if (e instanceof SQLException s && PgException.from(s, "apply").isTransient()) {
      throw s;
    }
  }
}
