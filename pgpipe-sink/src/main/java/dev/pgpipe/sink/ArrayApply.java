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
 * column's values as one array parameter. The server casts every text value with the column type's
 * input function, so it converts or refuses each one exactly as on the pipelined path ({@link
 * RowSql}); a bigint or integer column whose values all are Java's {@code Long} or {@code Integer}
 * is sent as an array of its own type, in binary: those values need no conversion. No staging table
 * and no COPY: the step costs one round trip. The rows of a step have distinct keys (one net row
 * per key), so an upsert never meets its own row twice. Runs in the caller's transaction;
 * stateless.
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

  /**
   * One column's values as one array parameter, of SQL type {@code elementType}: text, or the
   * column's own type when every value already is that type's Java value ({@code Long} for bigint,
   * {@code Integer} for integer), which is sent in binary and needs no conversion at all.
   */
  record ColumnArray(String elementType, @Nullable Object[] values) {}

  /** Inserts (or upserts) the step's rows; the caller checked {@link #fits}. */
  static void apply(Connection connection, TableChanges changes) throws SQLException {
    List<ColumnArray> arrays = new ArrayList<>(changes.columns().size());
    for (int column = 0; column < changes.columns().size(); column++) {
      arrays.add(array(changes.rows(), column, changes.columns().get(column).type()));
    }
    try (PreparedStatement statement = connection.prepareStatement(sql(changes, arrays))) {
      for (int column = 0; column < arrays.size(); column++) {
        statement.setObject(column + 1, arrays.get(column).values());
      }
      statement.executeUpdate();
    }
  }

  /** The step's statement: {@code ON CONFLICT} for upserts, none for inserts. */
  private static String sql(TableChanges changes, List<ColumnArray> sent) {
    List<String> names = changes.columns().stream().map(TargetColumn::name).toList();
    List<String> casts = new ArrayList<>();
    List<String> arrays = new ArrayList<>();
    List<String> aliases = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String alias = "c" + (i + 1);
      casts.add("CAST(s." + alias + " AS " + changes.columns().get(i).type() + ")");
      arrays.add("CAST(? AS " + sent.get(i).elementType() + "[])");
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

  /** Column {@code column} of every row, typed when {@link ColumnArray} allows, else as text. */
  static ColumnArray array(List<RowChange> rows, int column, String type) {
    Class<?> exact =
        switch (type) {
          case "bigint" -> Long.class;
          case "integer" -> Integer.class;
          default -> String.class;
        };
    if (exact != String.class && rows.stream().allMatch(r -> isNullOr(r, column, exact))) {
      Object[] values = exact == Long.class ? new Long[rows.size()] : new Integer[rows.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = rows.get(i).values().get(column);
      }
      return new ColumnArray(type, values);
    }
    return new ColumnArray("text", texts(rows, column));
  }

  private static boolean isNullOr(RowChange row, int column, Class<?> exact) {
    Object value = row.values().get(column);
    return value == null || value.getClass() == exact;
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
