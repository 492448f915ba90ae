package dev.pgpipe.sink;

import dev.pgpipe.client.Identifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements that move a step's rows from its {@link StagingTable} into the target table. Pure:
 * texts only, every target identifier quoted, staging columns by position. Immutable.
 */
record StagedSql(TargetTable table, StagingTable stage) {

  /** Deletes the keys of rows flagged {@code _del}. */
  String delete() {
    return "DELETE FROM "
        + table.qualified()
        + " t USING "
        + stage.name()
        + " s WHERE s._del AND "
        + keyMatch();
  }

  /** Inserts the rows of {@code kind}; with {@code upsert}, ON CONFLICT on the key updates. */
  String insert(char kind, boolean upsert) {
    List<TargetColumn> columns = stage.columns();
    List<String> names = columns.stream().map(TargetColumn::name).toList();
    List<String> staged = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      staged.add(StagingTable.column(i));
    }
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.qualified());
    sql.append(" (").append(Identifier.quoteAll(names)).append(") SELECT ");
    sql.append(String.join(", ", staged)).append(" FROM ").append(stage.name());
    sql.append(" WHERE _kind = '").append(kind).append('\'');
    if (!upsert) {
      return sql.toString();
    }
    sql.append(" ON CONFLICT (").append(Identifier.quoteAll(table.key())).append(") DO ");
    List<String> rest = names.stream().filter(n -> !table.key().contains(n)).toList();
    if (rest.isEmpty()) {
      return sql.append("NOTHING").toString();
    }
    sql.append("UPDATE SET ");
    for (int i = 0; i < rest.size(); i++) {
      String column = Identifier.quote(rest.get(i));
      sql.append(i == 0 ? "" : ", ").append(column).append(" = EXCLUDED.").append(column);
    }
    return sql.toString();
  }

  /** Updates existing rows from rows of kind U; a column flagged unchanged keeps its value. */
  String update() {
    List<TargetColumn> columns = stage.columns();
    StringBuilder sql = new StringBuilder("UPDATE ").append(table.qualified()).append(" t SET ");
    boolean first = true;
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i).name();
      if (table.key().contains(name)) {
        continue;
      }
      String column = Identifier.quote(name);
      sql.append(first ? "" : ", ").append(column).append(" = CASE WHEN s._unch[");
      sql.append(i + 1).append("] THEN t.").append(column).append(" ELSE s.");
      sql.append(StagingTable.column(i)).append(" END");
      first = false;
    }
    if (first) {
      String key = Identifier.quote(table.key().get(0));
      sql.append(key).append(" = t.").append(key);
    }
    sql.append(" FROM ").append(stage.name()).append(" s WHERE s._kind = 'U' AND ");
    return sql.append(keyMatch()).toString();
  }

  /** {@code t.key = s.c<i>} for every key column. */
  private String keyMatch() {
    List<TargetColumn> columns = stage.columns();
    List<String> parts = new ArrayList<>();
    for (String key : table.key()) {
      int index = -1;
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).name().equals(key)) {
          index = i;
          break;
        }
      }
      if (index < 0) {
        throw new IllegalStateException("key column " + key + " is not staged");
      }
      parts.add("t." + Identifier.quote(key) + " = s." + StagingTable.column(index));
    }
    return String.join(" AND ", parts);
  }
}
