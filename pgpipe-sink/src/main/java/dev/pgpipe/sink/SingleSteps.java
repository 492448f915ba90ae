package dev.pgpipe.sink;

import dev.pgpipe.cdc.Unchanged;
import dev.pgpipe.client.Identifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Truncates and key-changing updates, one statement each; values travel as parameters (text cast to
 * the catalog's column type), never as SQL text.
 */
final class SingleSteps {

  private SingleSteps() {}

  static void truncate(Connection connection, Step.Truncate step) throws SQLException {
    List<String> names = step.tables().stream().map(TargetTable::qualified).toList();
    try (Statement s = connection.createStatement()) {
      s.execute(
          "TRUNCATE "
              + String.join(", ", names)
              + (step.restartIdentity() ? " RESTART IDENTITY" : ""));
    }
  }

  /**
   * Moves the row from the old key to the new one, keeping columns the update left unchanged. When
   * there is no old row, the new row is inserted (under {@code update} that is refused instead).
   */
  static void keyChange(Connection connection, Step.KeyChange step, ConflictStrategy strategy)
      throws SQLException {
    TargetTable table = step.table();
    List<TargetColumn> set = new ArrayList<>();
    List<@Nullable Object> values = new ArrayList<>();
    for (TargetColumn column : table.columns()) {
      Object value = step.row().getOrDefault(column.name(), Unchanged.VALUE);
      if (value != Unchanged.VALUE) {
        set.add(column);
        values.add(value);
      }
    }
    StringBuilder sql = new StringBuilder("UPDATE ").append(table.qualified()).append(" SET ");
    for (int i = 0; i < set.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(Identifier.quote(set.get(i).name())).append(" = ");
      sql.append(cast(set.get(i)));
    }
    sql.append(" WHERE ").append(keyWhere(table));
    List<@Nullable Object> parameters = new ArrayList<>(values);
    table.key().forEach(k -> parameters.add(step.oldKey().get(k)));
    if (run(connection, sql.toString(), parameters) > 0) {
      return;
    }
    if (strategy == ConflictStrategy.UPDATE) {
      throw new RowRejectedException("updated row missing in " + table.label());
    }
    insert(connection, table, set, values);
  }

  private static void insert(
      Connection connection,
      TargetTable table,
      List<TargetColumn> columns,
      List<@Nullable Object> values)
      throws SQLException {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.qualified()).append(" (");
    sql.append(Identifier.quoteAll(columns.stream().map(TargetColumn::name).toList()));
    sql.append(") VALUES (");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(cast(columns.get(i)));
    }
    run(connection, sql.append(')').toString(), values);
  }

  private static String cast(TargetColumn column) {
    return "CAST(? AS " + column.type() + ")";
  }

  private static String keyWhere(TargetTable table) {
    List<String> parts = new ArrayList<>();
    for (String key : table.key()) {
      parts.add(
          Identifier.quote(key)
              + " = "
              + cast(java.util.Objects.requireNonNull(table.column(key))));
    }
    return String.join(" AND ", parts);
  }

  private static int run(Connection connection, String sql, List<@Nullable Object> values)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.size(); i++) {
        Object value = values.get(i);
        statement.setString(i + 1, value == null ? null : ValueText.text(value));
      }
      return statement.executeUpdate();
    }
  }
}
