package dev.pgpipe.sink;

import dev.pgpipe.client.CopyIn;
import dev.pgpipe.client.RunningTransaction;
import dev.pgpipe.copy.codec.WireBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The set-based apply path: a step's rows go by binary COPY into the session's {@link StagingTable}
 * for their shape, then one round trip of statements ({@link StagedSql}) applies them in this
 * order: moves of changed keys, {@code DELETE ... USING} for keys deleted first, {@code INSERT ...
 * SELECT} (with {@code ON CONFLICT DO UPDATE} for upserts), {@code UPDATE ... FROM} for updated
 * rows (a column flagged unchanged keeps the target's value), then the staging table is emptied.
 * Runs in the caller's transaction; not thread-safe.
 */
final class StagedApply {

  private final RunningTransaction tx;
  private final Connection connection;
  private final ConflictStrategy strategy;
  private final Set<String> created;

  /**
   * @param created the staging tables this transaction created or found (filled here; the caller
   *     empties it when it rolls back to a savepoint, which can undo a creation)
   */
  StagedApply(
      RunningTransaction tx,
      Connection connection,
      ConflictStrategy strategy,
      Set<String> created) {
    this.tx = tx;
    this.connection = connection;
    this.strategy = strategy;
    this.created = created;
  }

  /**
   * Applies the rows; throws {@link RowRejectedException} when a moved or updated row is missing.
   */
  void apply(TableChanges changes) throws SQLException {
    StagedRows rows = StagedRows.encode(changes);
    StagingTable stage = rows.stage();
    if (created.add(stage.name())) {
      try (Statement s = connection.createStatement()) {
        s.execute(stage.createSql());
      }
    }
    copy(stage.copySql(), rows.copy());
    int[] counts = Statements.run(connection, statements(new StagedSql(stage), changes));
    if (strategy == ConflictStrategy.UPDATE) {
      // under UPDATE the move is the first statement and the update the one before the clear
      int moves = changes.count(RowChange.MOVE);
      int updates = changes.count(RowChange.UPDATE);
      RowRejectedException.ifMissing(moves, moves == 0 ? 0 : counts[0], "moved", changes);
      int updated = updates == 0 ? 0 : counts[counts.length - 2];
      RowRejectedException.ifMissing(updates, updated, "updated", changes);
    }
  }

  /** The statements the staged rows need, in order, ending with the one that empties the stage. */
  private List<String> statements(StagedSql sql, TableChanges changes) {
    List<String> statements = new ArrayList<>();
    if (changes.count(RowChange.MOVE) > 0) {
      statements.add(sql.move());
      if (strategy != ConflictStrategy.UPDATE) {
        statements.add(sql.insertMissingMoves());
      }
    }
    if (changes.deletesFirst() > 0) {
      statements.add(sql.delete());
    }
    if (changes.count(RowChange.INSERT) > 0) {
      statements.add(sql.insert(RowChange.INSERT, false));
    }
    if (changes.count(RowChange.UPSERT) > 0) {
      statements.add(sql.insert(RowChange.UPSERT, true));
    }
    if (changes.count(RowChange.UPDATE) > 0) {
      statements.add(sql.update());
    }
    statements.add(sql.clear());
    return statements;
  }

  private void copy(String sql, WireBuffer data) {
    try (CopyIn copy = tx.openCopyIn(sql)) {
      copy.write(data.array(), 0, data.size());
      copy.finish();
    }
  }
}
