package dev.pgpipe.sink;

import dev.pgpipe.cdc.Unchanged;
import dev.pgpipe.client.RunningTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Applies one {@link Step.Rows} set-based: COPY into a {@link StagingTable} whose columns have the
 * target's types ({@link StagedRows}: binary where pgpipe-copy's codecs take the values), then, in
 * this order, {@code DELETE ... USING} for keys deleted first, {@code INSERT ... SELECT} (with
 * {@code ON CONFLICT DO UPDATE} for upserts) for rows that end present, and {@code UPDATE ... FROM}
 * for updated rows, where a column flagged unchanged keeps the target's value. Runs in the caller's
 * transaction.
 */
final class RowsApply {

  /** Where {@link #apply} counts the rows that delete their key first (no kind letter is 0). */
  private static final int DELETE_FIRST = 0;

  private final RunningTransaction tx;
  private final Connection connection;
  private final ConflictStrategy strategy;

  RowsApply(RunningTransaction tx, Connection connection, ConflictStrategy strategy) {
    this.tx = tx;
    this.connection = connection;
    this.strategy = strategy;
  }

  /** Applies the rows; throws {@link RowRejectedException} when an update found no row. */
  void apply(Step.Rows step) throws SQLException {
    List<TargetColumn> columns = columns(step);
    int[] kinds = new int[128];
    List<Object[]> staged = new ArrayList<>(step.rows().size());
    for (NetRow row : step.rows().values()) {
      char kind = kind(row);
      kinds[kind]++;
      kinds[DELETE_FIRST] += row.deleteFirst() ? 1 : 0;
      staged.add(stagedRow(row, kind, columns));
    }
    StagingTable stage = StagedRows.load(tx, connection, columns, staged);
    try (Statement s = connection.createStatement()) {
      applyStaged(s, new StagedSql(step.table(), stage), kinds);
    }
  }

  /** Runs only the statements some staged row needs: each is a round trip and a join. */
  private void applyStaged(Statement s, StagedSql sql, int[] kinds) throws SQLException {
    if (kinds[DELETE_FIRST] > 0) {
      s.executeUpdate(sql.delete());
    }
    if (kinds['I'] > 0) {
      s.executeUpdate(sql.insert('I', false));
    }
    if (kinds['P'] > 0) {
      s.executeUpdate(sql.insert('P', true));
    }
    if (kinds['U'] > 0) {
      int changed = s.executeUpdate(sql.update());
      if (strategy == ConflictStrategy.UPDATE && changed < kinds['U']) {
        throw new RowRejectedException(
            (kinds['U'] - changed) + " updated row(s) missing in " + sql.table().label());
      }
    }
  }

  private char kind(NetRow row) {
    return switch (row.kind()) {
      case NONE -> 'N';
      case INSERT -> row.snapshot() || strategy == ConflictStrategy.UPSERT ? 'P' : 'I';
      case UPDATE -> strategy == ConflictStrategy.UPSERT && !row.hasUnchanged() ? 'P' : 'U';
    };
  }

  /** The target's columns that some row carries (keys always), in table order. */
  private static List<TargetColumn> columns(Step.Rows step) {
    Set<String> used = new LinkedHashSet<>(step.table().key());
    for (NetRow row : step.rows().values()) {
      used.addAll(row.values().keySet());
    }
    List<TargetColumn> columns = new ArrayList<>();
    for (TargetColumn column : step.table().columns()) {
      if (used.contains(column.name())) {
        columns.add(column);
      }
    }
    return columns;
  }

  /** The staging row: kind, delete-first, unchanged flags, then the values (unchanged = NULL). */
  @SuppressWarnings("NullAway") // pgpipe-copy reads Object[] rows whose elements may be null
  private static Object[] stagedRow(NetRow row, char kind, List<TargetColumn> columns) {
    Object[] staged = new Object[3 + columns.size()];
    List<Boolean> unchanged = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      Object value = value(row, columns.get(i).name());
      boolean keep = value == Unchanged.VALUE;
      unchanged.add(keep);
      staged[3 + i] = keep ? null : value;
    }
    staged[0] = kind;
    staged[1] = row.deleteFirst();
    staged[2] = unchanged.contains(Boolean.TRUE) ? unchanged : null; // NULL: keep none
    return staged;
  }

  private static @Nullable Object value(NetRow row, String column) {
    if (row.values().containsKey(column)) {
      return row.values().get(column);
    }
    if (row.key.containsKey(column)) {
      return row.key.get(column);
    }
    return Unchanged.VALUE;
  }
}
