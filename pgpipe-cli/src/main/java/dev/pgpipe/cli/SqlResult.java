package dev.pgpipe.cli;

import dev.pgpipe.client.Database;
import dev.pgpipe.client.PgException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What one statement gave back: rows of values in PostgreSQL's own text form (as {@code psql} shows
 * them; {@code null} for SQL NULL), a count of changed rows, or nothing (DDL, SET).
 *
 * <p>{@code updated} is -1 unless the kind is {@link Kind#COUNT}. The columns are known only when
 * there is at least one row.
 */
record SqlResult(
    Kind kind, List<SqlColumn> columns, List<List<@Nullable String>> rows, long updated) {

  /** What a statement returns. */
  enum Kind {
    ROWS,
    COUNT,
    NOTHING
  }

  private static final Set<String> COUNTED = Set.of("INSERT", "UPDATE", "DELETE", "MERGE");
  private static final Pattern FIRST_WORD =
      Pattern.compile("\\A(?:\\s+|--[^\\n]*(?:\\n|\\z)|/\\*.*?\\*/|\\()*(\\w+)", Pattern.DOTALL);
  private static final Pattern RETURNING =
      Pattern.compile("\\bRETURNING\\b", Pattern.CASE_INSENSITIVE);

  /** pgjdbc's "No results were returned by the query": the statement ran and returned no rows. */
  private static final String NO_DATA = "02000";

  SqlResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /**
   * Runs a statement. INSERT, UPDATE, DELETE and MERGE without RETURNING report the rows they
   * changed; anything else is read as a query, and a statement that returns no rows (DDL, SET)
   * gives an empty result.
   */
  static SqlResult run(Database db, String sql) {
    if (counted(sql)) {
      return new SqlResult(Kind.COUNT, List.of(), List.of(), db.sql(sql).update());
    }
    List<SqlColumn> columns = new ArrayList<>();
    try {
      List<List<@Nullable String>> rows = db.sql(sql).map(row -> values(row, columns)).list();
      return new SqlResult(Kind.ROWS, columns, rows, -1);
    } catch (PgException e) {
      if (NO_DATA.equals(e.sqlState())) {
        return new SqlResult(Kind.NOTHING, List.of(), List.of(), -1);
      }
      throw e;
    }
  }

  static boolean counted(String sql) {
    Matcher first = FIRST_WORD.matcher(sql);
    return first.find()
        && COUNTED.contains(first.group(1).toUpperCase(Locale.ROOT))
        && !RETURNING.matcher(sql).find();
  }

  private static List<@Nullable String> values(ResultSet row, List<SqlColumn> columns)
      throws SQLException {
    ResultSetMetaData meta = row.getMetaData();
    int count = meta.getColumnCount();
    if (columns.isEmpty()) {
      for (int i = 1; i <= count; i++) {
        columns.add(new SqlColumn(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
      }
    }
    @Nullable String[] values = new String[count];
    for (int i = 1; i <= count; i++) {
      values[i - 1] = row.getString(i);
    }
    return Arrays.asList(values);
  }
}
