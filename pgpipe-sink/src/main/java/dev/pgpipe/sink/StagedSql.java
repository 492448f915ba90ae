package dev.pgpipe.sink;

import java.util.ArrayList;
import java.util.List;

/**
 * The statements that move one step's staged rows ({@code s._step = ?}, the only parameter) from a
 * {@link StagingTable} into a target table. Pure: texts only, every identifier quoted; the same
 * table and column set give the same texts, so the driver can keep them prepared.
 */
record StagedSql(TargetTable table, List<TargetColumn> columns, String stage) {

  /** Deletes the keys of rows flagged {@code _del}. */
  String delete() {
    return "DELETE FROM "
        + table.qualified()
        + " t USING "
        + stage
        + " s WHERE s._step = ? AND s._del AND "
        + keyMatch();
  }

  /** Inserts the rows of {@code kind}; with {@code upsert}, ON CONFLICT on the key updates. */
  String insert(char kind, boolean upsert) {
    List<String> names = columns.stream().map(TargetColumn::name).toList();
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.qualified());
    sql.append(" (").append(Sql.quoteAll(names)).append(") SELECT ").append(Sql.quoteAll(names));
    sql.append(" FROM ").append(stage).append(" WHERE _step = ? AND _kind = '").append(kind);
    sql.append('\'');
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

  /** Updates existing rows from rows of kind U; a column flagged unchanged keeps its value. */
  String update() {
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
    sql.append(" FROM ").append(stage).append(" s WHERE s._step = ? AND s._kind = 'U' AND ");
    return sql.append(keyMatch()).toString();
  }

  private String keyMatch() {
    List<String> parts = new ArrayList<>();
    for (String key : table.key()) {
      parts.add("t." + Sql.quote(key) + " = s." + Sql.quote(key));
    }
    return String.join(" AND ", parts);
  }
}
