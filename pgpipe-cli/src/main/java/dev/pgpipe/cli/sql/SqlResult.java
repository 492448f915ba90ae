package dev.pgpipe.cli.sql;

import dev.pgpipe.client.Database;
import dev.pgpipe.client.PgException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
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
 * <p>{@code updated} is -1 unless the kind is {@link Kind#COUNT}.
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

  SqlResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /**
   * Runs SQL as given (no parameter parsing, so operators such as jsonb {@code ?} work) and returns
   * the last result, as {@code psql -c} does. INSERT, UPDATE, DELETE and MERGE without RETURNING
   * report the rows they changed; other statements without rows (DDL, SET) report nothing.
   *
   * @throws PgException when the server rejects the SQL, with its SQLSTATE
   */
  static SqlResult run(Database db, String sql) {
    return db.withJdbcConnection(
        connection -> {
          try (Statement statement = connection.createStatement()) {
            SqlResult last = read(statement, statement.execute(sql), sql);
            while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
              last = read(statement, statement.getResultSet() != null, sql);
            }
            return last;
          } catch (SQLException e) {
            throw PgException.from(e, "statement failed");
          }
        });
  }

  private static SqlResult read(Statement statement, boolean hasRows, String sql)
      throws SQLException {
    if (!hasRows) {
      return counted(sql)
          ? new SqlResult(Kind.COUNT, List.of(), List.of(), statement.getLargeUpdateCount())
          : new SqlResult(Kind.NOTHING, List.of(), List.of(), -1);
    }
    try (ResultSet rows = statement.getResultSet()) {
      ResultSetMetaData meta = rows.getMetaData();
      List<SqlColumn> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(new SqlColumn(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
      }
      List<List<@Nullable String>> values = new ArrayList<>();
      while (rows.next()) {
        values.add(values(rows, columns.size()));
      }
      return new SqlResult(Kind.ROWS, columns, values, -1);
    }
  }

  static boolean counted(String sql) {
    Matcher first = FIRST_WORD.matcher(sql);
    return first.find()
        && COUNTED.contains(first.group(1).toUpperCase(Locale.ROOT))
        && !RETURNING.matcher(sql).find();
  }

  private static List<@Nullable String> values(ResultSet row, int count) throws SQLException {
    @Nullable String[] values = new String[count];
    for (int i = 1; i <= count; i++) {
      values[i - 1] = row.getString(i);
    }
    return Arrays.asList(values);
  }
}
