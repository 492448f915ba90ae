package dev.pgpipe.sink;

import dev.pgpipe.client.Identifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-row statements of the pipelined apply path, with the parameters {@link PipelinedApply}
 * binds: every value as text cast to the target column's type, so the server's input function
 * converts it; every identifier quoted. Pure. Immutable.
 */
record RowSql(TableChanges changes) {

  private TargetTable table() {
    return changes.table();
  }

  /**
   * Moves a row to its new key. Parameters: per column in order, the key's new value or (flag "keep
   * the target's value", value); then the old key.
   */
  String move() {
    return "UPDATE " + table().qualified() + " t SET " + assignments(true) + " WHERE " + keyMatch();
  }

  /** Deletes a key. Parameters: the key. */
  String delete() {
    return "DELETE FROM " + table().qualified() + " t WHERE " + keyMatch();
  }

  /**
   * Inserts a row; {@code onConflict} is empty or an {@link dev.pgpipe.copy.Upsert#clause}.
   * Parameters: every column's value.
   */
  String insert(String onConflict) {
    List<String> values = new ArrayList<>();
    changes.columns().forEach(c -> values.add(cast(c)));
    return "INSERT INTO "
        + table().qualified()
        + " ("
        + Identifier.quoteAll(changes.columns().stream().map(TargetColumn::name).toList())
        + ") VALUES ("
        + String.join(", ", values)
        + ")"
        + onConflict;
  }

  /** Updates a row in place. Parameters: per non-key column (flag, value); then the key. */
  String update() {
    return "UPDATE "
        + table().qualified()
        + " t SET "
        + assignments(false)
        + " WHERE "
        + keyMatch();
  }

  private String assignments(boolean withKey) {
    List<String> parts = new ArrayList<>();
    for (TargetColumn column : changes.columns()) {
      String name = Identifier.quote(column.name());
      if (table().key().contains(column.name())) {
        if (withKey) {
          parts.add(name + " = " + cast(column));
        }
        continue;
      }
      parts.add(name + " = CASE WHEN ? THEN t." + name + " ELSE " + cast(column) + " END");
    }
    if (parts.isEmpty()) {
      String key = Identifier.quote(table().key().get(0));
      parts.add(key + " = t." + key);
    }
    return String.join(", ", parts);
  }

  private String keyMatch() {
    List<String> parts = new ArrayList<>();
    for (String key : table().key()) {
      TargetColumn column = changes.columns().get(changes.indexOf(key));
      parts.add("t." + Identifier.quote(key) + " = " + cast(column));
    }
    return String.join(" AND ", parts);
  }

  private static String cast(TargetColumn column) {
    return "CAST(? AS " + column.type() + ")";
  }
}
