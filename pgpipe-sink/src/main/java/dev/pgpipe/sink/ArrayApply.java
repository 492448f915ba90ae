package dev.pgpipe.sink;

import dev.pgpipe.client.Identifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The array path, for a set-based step whose rows are all inserts, or all upserts, of whole rows
 * (no move, no delete first, no value kept from the target): one statement, {@code INSERT ...
 * SELECT CAST(s.c1 AS type), ... FROM unnest(?::text[], ...) s [ON CONFLICT ...]}, with each
 * column's values as one text array parameter. The server casts every value with the column type's
 * input function, so it converts or refuses each one exactly as on the pipelined path ({@link
 * RowSql}). No staging table and no COPY: the step costs one round trip. The rows of a step have
 * distinct keys (one net row per key), so an upsert never meets its own row twice. Runs in the
 * caller's transaction; stateless.
 */
final class ArrayApply {

  private ArrayApply() {}

  /** Whether the step can take this path. */
  static boolean fits(TableChanges changes) {
    char kind = changes.rows().isEmpty() ? RowChange.NONE : changes.rows().get(0).kind();
    if (kind != RowChange.INSERT && kind != RowChange.UPSERT) {
      return false;
    }
    for (RowChange row : changes.rows()) {
      if (row.kind() != kind || row.deleteFirst() || row.keepsAny()) {
        return false;
      }
    }
    return true;
  }

  /** Inserts (or upserts) the step's rows; the caller checked {@link #fits}. */
  static void apply(Connection connection, TableChanges changes) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql(changes))) {
      List<TargetColumn> columns = changes.columns();
      for (int column = 0; column < columns.size(); column++) {
        statement.setObject(column + 1, texts(changes.rows(), column));
      }
      statement.executeUpdate();
    }
  }

  /** The step's statement: {@code ON CONFLICT} for upserts, none for inserts. */
  static String sql(TableChanges changes) {
    List<String> names = changes.columns().stream().map(TargetColumn::name).toList();
    List<String> casts = new ArrayList<>();
    List<String> arrays = new ArrayList<>();
    List<String> aliases = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String alias = "c" + (i + 1);
      casts.add("CAST(s." + alias + " AS " + changes.columns().get(i).type() + ")");
      arrays.add("CAST(? AS text[])");
      aliases.add(alias);
    }
    boolean upsert = changes.rows().get(0).kind() == RowChange.UPSERT;
    return "INSERT INTO "
        + changes.table().qualified()
        + " ("
        + Identifier.quoteAll(names)
        + ") SELECT "
        + String.join(", ", casts)
        + " FROM unnest("
        + String.join(", ", arrays)
        + ") AS s("
        + String.join(", ", aliases)
        + ")"
        + (upsert ? changes.table().upsert().clause(names) : "");
  }

  /** Column {@code column} of every row, as the text its type's input function reads. */
  private static @Nullable String[] texts(List<RowChange> rows, int column) {
    @Nullable String[] texts = new String[rows.size()];
    for (int i = 0; i < texts.length; i++) {
      Object value = rows.get(i).values().get(column);
      texts[i] = value == null ? null : ValueText.text(value);
    }
    return texts;
  }
}
