package dev.pgpipe.sink.deadletter;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.sink.LetterApply;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a replay from overwriting a newer row. The target keeps no source position per row, so a
 * dead letter for key K at commit LSN L cannot be compared with the last change applied to K; what
 * can be checked is whether the row is in the state the letter's change expects:
 *
 * <ul>
 *   <li>an <b>insert</b> or <b>snapshot</b> row expects no row with its key. When there is one, a
 *       later change wrote it (an update the sink turned into an upsert, a later insert), and the
 *       letter is superseded: replaying it would put the older values back.
 *   <li>an <b>update</b>, <b>delete</b> or <b>truncate</b> cannot be checked: the row's present
 *       state may come from before or after L. These are superseded unless the operator, having
 *       looked at the row ({@code pgpipe deadletters show}), forces them.
 * </ul>
 *
 * {@code --force} skips this rule. Letters of the same key are replayed in (commit LSN, index)
 * order, and one that stays holds the later ones ({@link ReplayOutcome.Held}).
 */
final class NewerRowRule {

  private final LetterApply apply;

  NewerRowRule(LetterApply apply) {
    this.apply = apply;
  }

  /** Why {@code event} must not be replayed, or empty when it may. */
  Optional<String> check(Connection connection, ChangeEvent event) throws SQLException {
    TableSchema table = event.table();
    if (table == null) {
      return Optional.of("a logical message has no row to replay");
    }
    return switch (event.operation()) {
      case INSERT, SNAPSHOT -> {
        Map<String, @Nullable Object> key = key(table, event.after());
        yield apply.hasRow(connection, table.schema(), table.name(), key)
            ? Optional.of(
                "the target already has the row "
                    + describe(key)
                    + ": a later change wrote it, and this older "
                    + event.operation().label()
                    + " would overwrite it")
            : Optional.empty();
      }
      case UPDATE, DELETE, TRUNCATE, MESSAGE ->
          Optional.of(
              "a replayed "
                  + event.operation().label()
                  + " cannot be checked against later changes of the same row (the target keeps"
                  + " no source position per row); look at the row, then replay it with --force");
    };
  }

  /**
   * The row's key values: {@code row} restricted to the table's key columns (every column when it
   * has no key).
   */
  static Map<String, @Nullable Object> key(
      TableSchema table, @Nullable Map<String, @Nullable Object> row) {
    Map<String, @Nullable Object> key = new LinkedHashMap<>();
    if (row == null) {
      return key;
    }
    for (String column : table.keyColumns().isEmpty() ? row.keySet() : table.keyColumns()) {
      key.put(column, row.get(column));
    }
    return key;
  }

  static String describe(Map<String, @Nullable Object> key) {
    return "(" + String.join(", ", key.keySet()) + ")=(" + values(key) + ")";
  }

  private static String values(Map<String, @Nullable Object> key) {
    StringBuilder b = new StringBuilder();
    for (Object v : key.values()) {
      b.append(b.isEmpty() ? "" : ", ").append(v);
    }
    return b.toString();
  }
}
