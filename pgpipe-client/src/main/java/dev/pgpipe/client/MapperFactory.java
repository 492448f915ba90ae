package dev.pgpipe.client;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Makes the row mapper for a result's columns: built once per query execution, then applied to
 * every row without reflection.
 */
@FunctionalInterface
interface MapperFactory<T> {

  RowMapper<T> create(ResultSetMetaData columns) throws SQLException;

  /** Records by canonical constructor, other supported types from a single column. */
  static <T> MapperFactory<T> forClass(Class<T> type) {
    if (type.isRecord()) {
      return columns -> RecordMapper.create(type, columns);
    }
    ColumnReader reader = ColumnReaders.forType(type, type);
    return columns -> singleColumn(type, reader, columns);
  }

  /** Rows as insertion-ordered maps from column label to natural value. */
  static MapperFactory<Map<String, @Nullable Object>> forMaps() {
    return columns -> {
      int count = columns.getColumnCount();
      String[] labels = new String[count];
      for (int i = 0; i < count; i++) {
        labels[i] = columns.getColumnLabel(i + 1);
      }
      return row -> {
        Map<String, @Nullable Object> map = new LinkedHashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
          map.put(labels[i], NaturalTypes.read(row, i + 1));
        }
        return map;
      };
    };
  }

  private static <T> RowMapper<T> singleColumn(
      Class<T> type, ColumnReader reader, ResultSetMetaData columns) throws SQLException {
    if (columns.getColumnCount() != 1) {
      throw new PgException(
          "cannot map "
              + columns.getColumnCount()
              + " columns to "
              + type.getSimpleName()
              + ": select exactly one column, or map to a record or maps",
          null);
    }
    String label = columns.getColumnLabel(1);
    Class<?> boxed = ColumnReaders.box(type);
    return row -> {
      Object value = reader.read(row, 1);
      if (value == null) {
        throw new PgException(
            "column "
                + label
                + " is NULL in row "
                + row.getRow()
                + ": "
                + type.getSimpleName()
                + " cannot hold NULL; filter it out, COALESCE it, or map to a record",
            null);
      }
      return uncheckedCast(boxed.cast(value));
    };
  }

  @SuppressWarnings("unchecked")
  private static <T> T uncheckedCast(Object value) {
    return (T) value;
  }

  /** A column label or record component name folded for matching: {@code trade_id ~ tradeId}. */
  static String fold(String name) {
    return name.replace("_", "").toLowerCase(Locale.ROOT);
  }
}
