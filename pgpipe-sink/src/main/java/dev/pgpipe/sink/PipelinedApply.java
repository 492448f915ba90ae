package dev.pgpipe.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The pipelined apply path, for steps too small to pay for staging: one prepared statement per row
 * ({@link RowSql}), the rows of one kind sent together in one JDBC batch (one round trip, the
 * server runs them in order), kinds in the set-based path's order: moves (and, unless the strategy
 * is {@link ConflictStrategy#UPDATE}, inserts of moves whose old row was missing), deletes first,
 * inserts, upserts, updates. Runs in the caller's transaction; not thread-safe.
 */
final class PipelinedApply {

  private final Connection connection;
  private final ConflictStrategy strategy;

  PipelinedApply(Connection connection, ConflictStrategy strategy) {
    this.connection = connection;
    this.strategy = strategy;
  }

  /**
   * Applies the rows; throws {@link RowRejectedException} when a moved or updated row is missing.
   */
  void apply(TableChanges changes) throws SQLException {
    RowSql sql = new RowSql(changes);
    applyMoves(changes, sql);
    run(changes, sql.delete(), rows(changes, RowChange::deleteFirst), (row, p) -> p.key(row));
    run(changes, sql.insert(""), ofKind(changes, RowChange.INSERT), (row, p) -> p.values(row));
    String upsert = sql.insert(changes.table().upsert().clause(names(changes)));
    run(changes, upsert, ofKind(changes, RowChange.UPSERT), (row, p) -> p.values(row));
    List<RowChange> updates = ofKind(changes, RowChange.UPDATE);
    int[] updated =
        run(changes, sql.update(), updates, (row, p) -> p.assignments(row, false).key(row));
    if (strategy == ConflictStrategy.UPDATE) {
      RowRejectedException.ifMissing(updates.size(), found(updated), "updated", changes);
    }
  }

  /** Moves rows to their new keys; inserts those whose old row was missing unless refused. */
  private void applyMoves(TableChanges changes, RowSql sql) throws SQLException {
    List<RowChange> moves = ofKind(changes, RowChange.MOVE);
    int[] moved = run(changes, sql.move(), moves, (row, p) -> p.assignments(row, true).oldKey(row));
    if (strategy == ConflictStrategy.UPDATE) {
      RowRejectedException.ifMissing(moves.size(), found(moved), "moved", changes);
    }
    List<RowChange> missing = new ArrayList<>();
    for (int i = 0; i < moved.length; i++) {
      if (moved[i] == 0) {
        missing.add(moves.get(i));
      }
    }
    String insert = sql.insert(changes.table().ignoreConflicts().clause(names(changes)));
    run(changes, insert, missing, (row, p) -> p.values(row));
  }

  private static int found(int[] counts) {
    int found = 0;
    for (int count : counts) {
      found += count > 0 ? 1 : 0;
    }
    return found;
  }

  private static List<RowChange> ofKind(TableChanges changes, char kind) {
    return rows(changes, r -> r.kind() == kind);
  }

  private static List<String> names(TableChanges changes) {
    return changes.columns().stream().map(TargetColumn::name).toList();
  }

  private static List<RowChange> rows(TableChanges changes, Predicate<RowChange> which) {
    return changes.rows().stream().filter(which).toList();
  }

  /** Binds one row's parameters. */
  private interface Binding {
    void bind(RowChange row, Parameters parameters) throws SQLException;
  }

  /** Runs {@code sql} once per row in one batch; returns the row counts (none when no rows). */
  private int[] run(TableChanges changes, String sql, List<RowChange> rows, Binding binding)
      throws SQLException {
    if (rows.isEmpty()) {
      return new int[0];
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (RowChange row : rows) {
        binding.bind(row, new Parameters(statement, changes));
        statement.addBatch();
      }
      return statement.executeBatch();
    }
  }
}
