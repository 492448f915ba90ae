package dev.pgpipe.client;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PGobject;

/**
 * A column's value as its natural Java type, for maps and {@code Object} targets: integers as
 * Integer/Long, numeric as BigDecimal (NaN and ±Infinity as Double), date/time types as {@code
 * java.time} values, json/jsonb as String, arrays as (nested) Lists, unknown types as their text.
 */
final class NaturalTypes {

  private NaturalTypes() {}

  static @Nullable Object read(ResultSet row, int column) throws SQLException {
    String type = row.getMetaData().getColumnTypeName(column);
    Object value =
        switch (type) {
          case "date" -> row.getObject(column, LocalDate.class);
          case "time" -> row.getObject(column, LocalTime.class);
          case "timetz" -> row.getObject(column, OffsetTime.class);
          case "timestamp" -> row.getObject(column, LocalDateTime.class);
          case "timestamptz" -> row.getObject(column, OffsetDateTime.class);
          case "json", "jsonb" -> row.getString(column);
          default ->
              type.startsWith("_")
                  ? ArrayValues.toList(row.getArray(column), elementClass(type))
                  : row.getObject(column);
        };
    return value instanceof PGobject object ? object.getValue() : value;
  }

  private static Class<?> elementClass(String arrayType) {
    return switch (arrayType) {
      case "_date" -> LocalDate.class;
      case "_timestamp" -> LocalDateTime.class;
      case "_timestamptz" -> OffsetDateTime.class;
      case "_json", "_jsonb" -> String.class;
      default -> Object.class;
    };
  }
}
