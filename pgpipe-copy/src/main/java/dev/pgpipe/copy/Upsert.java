package dev.pgpipe.copy;

import dev.pgpipe.client.Identifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads rows as an upsert: COPY into a temporary staging table, then {@code INSERT ... SELECT ...
 * ON CONFLICT (key) DO UPDATE} (or {@code DO NOTHING}) in the same transaction. When a batch holds
 * the same key twice, the row written last wins.
 *
 * @param conflictColumns the unique key the conflict is detected on
 * @param updateColumns the columns overwritten on conflict; empty for {@code DO NOTHING}
 */
public record Upsert(List<String> conflictColumns, List<String> updateColumns) {

  public Upsert {
    conflictColumns = List.copyOf(conflictColumns);
    updateColumns = List.copyOf(updateColumns);
    if (conflictColumns.isEmpty()) {
      throw new IllegalArgumentException("an upsert needs the conflict key's columns");
    }
  }

  /** {@code ON CONFLICT (columns) DO UPDATE} every other column of the table. */
  public static Upsert onConflict(String... columns) {
    return new Upsert(List.of(columns), List.of("*"));
  }

  /** {@code ON CONFLICT (columns) DO NOTHING}. */
  public static Upsert ignoreConflicts(String... columns) {
    return new Upsert(List.of(columns), List.of());
  }

  /** The columns updated for {@code table}, resolving "every other column". */
  List<String> updates(Table<?> table) {
    if (!updateColumns.equals(List.of("*"))) {
      return updateColumns;
    }
    List<String> columns = new ArrayList<>(table.columnNames());
    columns.removeAll(conflictColumns);
    return columns;
  }

  /** The INSERT that moves the staged rows into {@code table}. */
  String insertSql(Table<?> table, String stage) {
    String columns = Identifier.quoteAll(table.columnNames());
    String key = Identifier.quoteAll(conflictColumns);
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.qualifiedName());
    sql.append(" (").append(columns).append(") SELECT DISTINCT ON (").append(key).append(") ");
    sql.append(columns).append(" FROM ").append(stage).append(" ORDER BY ").append(key);
    sql.append(", ctid DESC ON CONFLICT (").append(key).append(") DO ");
    List<String> updates = updates(table);
    if (updates.isEmpty()) {
      return sql.append("NOTHING").toString();
    }
    sql.append("UPDATE SET ");
    for (int i = 0; i < updates.size(); i++) {
      String column = Identifier.quote(updates.get(i));
      sql.append(i == 0 ? "" : ", ").append(column).append(" = EXCLUDED.").append(column);
    }
    return sql.toString();
  }
}
