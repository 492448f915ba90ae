package dev.pgpipe.sink;

import dev.pgpipe.client.Identifier;
import java.util.List;

/** The {@code ON CONFLICT} clause of an upsert, shared by both apply paths. Pure. */
final class OnConflict {

  private OnConflict() {}

  /** On a key conflict, nothing is inserted (the row is there). */
  static String nothing(TargetTable table) {
    return " ON CONFLICT (" + Identifier.quoteAll(table.key()) + ") DO NOTHING";
  }

  /** On a key conflict, every inserted column but the key overwrites the target's. */
  static String update(TargetTable table, List<String> columns) {
    StringBuilder sql = new StringBuilder(" ON CONFLICT (");
    sql.append(Identifier.quoteAll(table.key())).append(") DO ");
    List<String> rest = columns.stream().filter(n -> !table.key().contains(n)).toList();
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
}
