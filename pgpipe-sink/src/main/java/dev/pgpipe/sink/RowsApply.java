package dev.pgpipe.sink;

import dev.pgpipe.cdc.Unchanged;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

/**
 * Applies one {@link Step.Rows} set-based: COPY (text format) into a temporary staging table whose
 * columns have the target's types, then, in this order, {@code DELETE ... USING} for keys deleted
 * first, {@code INSERT ... SELECT} (with {@code ON CONFLICT DO UPDATE} for upserts) for rows that
 * end present, and {@code UPDATE ... FROM} for updated rows, where a column flagged unchanged keeps
 * the target's value. Runs in the caller's transaction; the staging table is dropped at commit.
 *
 * <pre>
 * staging: _kind "char"   N none (deleted), I insert, P upsert, U update
 *          _del  bool     delete the key first
 *          _unch bool[]   per staged column (1-based): keep the target value
 *          "c1" type1, "c2" type2, ...   the target's columns that the events carry
 * </pre>
 */
final class RowsApply {

  /** Where {@link #apply} counts the rows that delete their key first (no kind letter is 0). */
  private static final int DELETE_FIRST = 0;

  private final Connection connection;
  private final ConflictStrategy strategy;
  private final String stage;

  RowsApply(Connection connection, ConflictStrategy strategy, String stage) {
    this.connection = connection;
    this.strategy = strategy;
    this.stage = Sql.quote(stage);
  }

  /** Applies the rows; throws {@link RowRejectedException} when an update found no row. */
  void apply(Step.Rows step) throws SQLException {
    List<TargetColumn> columns = columns(step);
    int[] kinds = new int[128];
    StringBuilder data = new StringBuilder(step.rows().size() * 64);
    for (NetRow row : step.rows().values()) {
      char kind = kind(row);
      kinds[kind]++;
      kinds[DELETE_FIRST] += row.deleteFirst() ? 1 : 0;
      line(data, row, kind, columns);
    }
    try (Statement s = connection.createStatement()) {
      s.execute(createStage(columns));
      connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn("COPY " + stage + " FROM STDIN", new StringReader(data.toString()));
      applyStaged(s, step.table(), columns, kinds);
    } catch (java.io.IOException e) {
      throw new SQLException("COPY into the staging table failed: " + e.getMessage(), e);
    }
  }

  /** Runs only the statements some staged row needs: each is a round trip and a join. */
  private void applyStaged(Statement s, TargetTable table, List<TargetColumn> columns, int[] kinds)
      throws SQLException {
    if (kinds[DELETE_FIRST] > 0) {
      s.executeUpdate(
          "DELETE FROM "
              + table.qualified()
              + " t USING "
              + stage
              + " s WHERE s._del AND "
              + keyMatch(table));
    }
    if (kinds['I'] > 0) {
      s.executeUpdate(insert(table, columns, "I", false));
    }
    if (kinds['P'] > 0) {
      s.executeUpdate(insert(table, columns, "P", true));
    }
    if (kinds['U'] > 0) {
      int changed = s.executeUpdate(update(table, columns));
      if (strategy == ConflictStrategy.UPDATE && changed < kinds['U']) {
        throw new RowRejectedException(
            (kinds['U'] - changed) + " updated row(s) missing in " + table.label());
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

  private static void line(StringBuilder out, NetRow row, char kind, List<TargetColumn> columns) {
    out.append(kind).append('\t').append(row.deleteFirst() ? 't' : 'f').append("\t{");
    for (int i = 0; i < columns.size(); i++) {
      Object value = value(row, columns.get(i).name());
      out.append(i == 0 ? "" : ",").append(value == Unchanged.VALUE ? 't' : 'f');
    }
    out.append('}');
    for (TargetColumn column : columns) {
      out.append('\t');
      ValueText.copyField(out, value(row, column.name()));
    }
    out.append('\n');
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

  private String createStage(List<TargetColumn> columns) {
    StringBuilder sql = new StringBuilder("CREATE TEMP TABLE ").append(stage);
    sql.append(" (_kind \"char\", _del bool, _unch bool[]");
    for (TargetColumn column : columns) {
      sql.append(", ").append(Sql.quote(column.name())).append(' ').append(column.type());
    }
    return sql.append(") ON COMMIT DROP").toString();
  }

  private static String keyMatch(TargetTable table) {
    List<String> parts = new ArrayList<>();
    for (String key : table.key()) {
      parts.add("t." + Sql.quote(key) + " = s." + Sql.quote(key));
    }
    return String.join(" AND ", parts);
  }

  private String insert(
      TargetTable table, List<TargetColumn> columns, String kind, boolean upsert) {
    List<String> names = columns.stream().map(TargetColumn::name).toList();
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.qualified());
    sql.append(" (").append(Sql.quoteAll(names)).append(") SELECT ").append(Sql.quoteAll(names));
    sql.append(" FROM ").append(stage).append(" WHERE _kind = '").append(kind).append('\'');
    if (!upsert) {
      return sql.toString();
    }
    sql.append(" ON CONFLICT (").append(Sql.quoteAll(table.key())).append(") DO ");
    List<String> rest = names.stream().filter(n -> !table.key().contains(n)).toList();
    if (rest.isEmpty()) {
      return sql.append("NOTHING").toString();
    }
    sql.append("UPDATE SET ");
    for (int i = 0; i < rest.size(); i++) {
      String column = Sql.quote(rest.get(i));
      sql.append(i == 0 ? "" : ", ").append(column).append(" = EXCLUDED.").append(column);
    }
    return sql.toString();
  }

  private String update(TargetTable table, List<TargetColumn> columns) {
    StringBuilder sql = new StringBuilder("UPDATE ").append(table.qualified()).append(" t SET ");
    boolean first = true;
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i).name();
      if (table.key().contains(name)) {
        continue;
      }
      String column = Sql.quote(name);
      sql.append(first ? "" : ", ").append(column).append(" = CASE WHEN s._unch[");
      sql.append(i + 1).append("] THEN t.").append(column).append(" ELSE s.").append(column);
      sql.append(" END");
      first = false;
    }
    if (first) {
      String key = Sql.quote(table.key().get(0));
      sql.append(key).append(" = t.").append(key);
    }
    sql.append(" FROM ").append(stage).append(" s WHERE s._kind = 'U' AND ");
    return sql.append(keyMatch(table)).toString();
  }
}
