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

  /** The columns updated on conflict for a table of {@code columns}, resolving "every other". */
  private List<String> updates(List<String> columns) {
    if (!updateColumns.equals(List.of("*"))) {
      return updateColumns;
    }
    List<String> rest = new ArrayList<>(columns);
    rest.removeAll(conflictColumns);
    return rest;
  }

  /**
   * The clause {@code ON CONFLICT (key) DO UPDATE SET c = EXCLUDED.c, ...} (or {@code DO NOTHING})
   * for an insert of {@code columns}; identifiers quoted.
   */
  public String clause(List<String> columns) {
    StringBuilder sql = new StringBuilder(" ON CONFLICT (");
    sql.append(Identifier.quoteAll(conflictColumns)).append(") DO ");
    List<String> updates = updates(columns);
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

  /** The INSERT that moves the staged rows into {@code table}. */
  String insertSql(Table<?> table, String stage) {
    String columns = Identifier.quoteAll(table.columnNames());
    String key = Identifier.quoteAll(conflictColumns);
    return "INSERT INTO "
        + table.qualifiedName()
        + " ("
        + columns
        + ") SELECT DISTINCT ON ("
        + key
        + ") "
        + columns
        + " FROM "
        + stage
        + " ORDER BY "
        + key
        + ", ctid DESC"
        + clause(table.columnNames());
  }
}
