package dev.pgpipe.sink;

import dev.pgpipe.client.Identifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements that move a step's rows from its {@link StagingTable} into the target table. Pure:
 * texts only, every target identifier quoted, staging columns by position, columns staged as text
 * cast to the target's type. Immutable.
 */
record StagedSql(StagingTable stage) {

  private TableChanges changes() {
    return stage.changes();
  }

  private TargetTable table() {
    return changes().table();
  }

  /** Moves rows of kind M from their old key to their new key and values. */
  String move() {
    StringBuilder sql = new StringBuilder("UPDATE ").append(table().qualified()).append(" t SET ");
    sql.append(assignments(true));
    sql.append(" FROM ").append(stage.name()).append(" s WHERE s._kind = 'M' AND ");
    List<String> parts = new ArrayList<>();
    List<String> key = table().key();
    for (int i = 0; i < key.size(); i++) {
      int column = changes().indexOf(key.get(i));
      parts.add(
          "t." + Identifier.quote(key.get(i)) + " = " + staged(column, StagingTable.oldKey(i)));
    }
    return sql.append(String.join(" AND ", parts)).toString();
  }

  /**
   * Inserts the rows of kind M whose new key is still absent: their old row was missing (under
   * {@link ConflictStrategy#UPDATE} that is refused instead).
   */
  String insertMissingMoves() {
    return insertSelect(RowChange.MOVE) + table().ignoreConflicts().clause(names());
  }

  /** Deletes the keys of rows flagged {@code _del}. */
  String delete() {
    return "DELETE FROM "
        + table().qualified()
        + " t USING "
        + stage.name()
        + " s WHERE s._del AND "
        + keyMatch();
  }

  /** Inserts the rows of {@code kind}; with {@code upsert}, ON CONFLICT on the key updates. */
  String insert(char kind, boolean upsert) {
    String sql = insertSelect(kind);
    return upsert ? sql + table().upsert().clause(names()) : sql;
  }

  private String insertSelect(char kind) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < changes().columns().size(); i++) {
      values.add(value(i));
    }
    return "INSERT INTO "
        + table().qualified()
        + " ("
        + Identifier.quoteAll(names())
        + ") SELECT "
        + String.join(", ", values)
        + " FROM "
        + stage.name()
        + " s WHERE s._kind = '"
        + kind
        + "'";
  }

  /** Updates existing rows from rows of kind U; a column flagged unchanged keeps its value. */
  String update() {
    StringBuilder sql = new StringBuilder("UPDATE ").append(table().qualified()).append(" t SET ");
    sql.append(assignments(false));
    sql.append(" FROM ").append(stage.name()).append(" s WHERE s._kind = 'U' AND ");
    return sql.append(keyMatch()).toString();
  }

  /** Empties the staging table for the next step of the transaction. */
  String clear() {
    return "DELETE FROM " + stage.name();
  }

  /** {@code col = CASE WHEN s._unch[i] THEN t.col ELSE value END}, keys only when moving. */
  private String assignments(boolean withKey) {
    List<String> parts = new ArrayList<>();
    List<TargetColumn> columns = changes().columns();
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i).name();
      String column = Identifier.quote(name);
      if (table().key().contains(name)) {
        if (withKey) {
          parts.add(column + " = " + value(i));
        }
        continue;
      }
      parts.add(
          column
              + " = CASE WHEN s._unch["
              + (i + 1)
              + "] THEN t."
              + column
              + " ELSE "
              + value(i)
              + " END");
    }
    if (parts.isEmpty()) {
      String key = Identifier.quote(table().key().get(0));
      parts.add(key + " = t." + key);
    }
    return String.join(", ", parts);
  }

  private List<String> names() {
    return changes().columns().stream().map(TargetColumn::name).toList();
  }

  /** {@code t.key = s.c<i>} for every key column. */
  private String keyMatch() {
    List<String> parts = new ArrayList<>();
    for (String key : table().key()) {
      parts.add("t." + Identifier.quote(key) + " = " + value(changes().indexOf(key)));
    }
    return String.join(" AND ", parts);
  }

  /** The staged value of column {@code index}, as the target's type. */
  private String value(int index) {
    return staged(index, StagingTable.column(index));
  }

  private String staged(int index, String stagedColumn) {
    String type = changes().columns().get(index).type();
    return stage.stagedAsText(index) && !type.equals("text")
        ? "CAST(s." + stagedColumn + " AS " + type + ")"
        : "s." + stagedColumn;
  }
}
