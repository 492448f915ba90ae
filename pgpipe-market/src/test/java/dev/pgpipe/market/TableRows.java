package dev.pgpipe.market;

import dev.pgpipe.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A market table read back with plain JDBC: column types, and rows by key. */
record TableRows(Map<String, String> types, Map<List<Long>, Map<String, @Nullable Object>> rows) {

  static TableRows read(TestDatabase database, String qualifiedName, String keyColumn) {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT * FROM " + qualifiedName)) {
      ResultSetMetaData meta = rs.getMetaData();
      Map<String, String> types = new LinkedHashMap<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        types.put(meta.getColumnName(i), meta.getColumnTypeName(i));
      }
      Map<List<Long>, Map<String, @Nullable Object>> rows = new HashMap<>();
      while (rs.next()) {
        Map<String, @Nullable Object> row = new HashMap<>();
        for (Map.Entry<String, String> column : types.entrySet()) {
          row.put(column.getKey(), value(rs, column.getKey(), column.getValue()));
        }
        List<Long> key =
            List.of(
                rs.getLong(keyColumn),
                rs.getLong("instrument_id"),
                rs.getLong("publisher_id"),
                rs.getLong("tie"));
        rows.put(key, row);
      }
      return new TableRows(types, rows);
    } catch (SQLException e) {
      throw new IllegalStateException("reading " + qualifiedName + ": " + e.getMessage(), e);
    }
  }

  private static @Nullable Object value(ResultSet rs, String column, String type)
      throws SQLException {
    if (type.equals("timestamptz")) {
      OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
      return time == null ? null : time.toInstant();
    }
    Object value =
        switch (type) {
          case "int2", "int4", "int8" -> rs.getLong(column);
          default -> rs.getString(column);
        };
    return rs.wasNull() ? null : value;
  }
}
