package dev.pgpipe.client;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The column readers for each supported Java type: primitives and their boxes, String, BigDecimal,
 * BigInteger, UUID, {@code java.time} values (±infinity as {@code MAX}/{@code MIN}), {@code
 * byte[]}, enums (by label), arrays and {@code List}s of these (multi-dimensional as nested), and
 * {@code Object} (the column's natural type, see {@link NaturalTypes}).
 */
final class ColumnReaders {

  private static final Map<Class<?>, ColumnReader> SIMPLE =
      Map.ofEntries(
          Map.entry(String.class, ResultSet::getString),
          Map.entry(Integer.class, nullable(ResultSet::getInt)),
          Map.entry(Long.class, nullable(ResultSet::getLong)),
          Map.entry(Short.class, nullable(ResultSet::getShort)),
          Map.entry(Double.class, nullable(ResultSet::getDouble)),
          Map.entry(Float.class, nullable(ResultSet::getFloat)),
          Map.entry(Boolean.class, nullable(ResultSet::getBoolean)),
          Map.entry(BigDecimal.class, ColumnReaders::bigDecimal),
          Map.entry(BigInteger.class, ColumnReaders::bigInteger),
          Map.entry(Number.class, ResultSet::getObject),
          Map.entry(byte[].class, ResultSet::getBytes),
          Map.entry(UUID.class, typed(UUID.class)),
          Map.entry(LocalDate.class, typed(LocalDate.class)),
          Map.entry(LocalTime.class, typed(LocalTime.class)),
          Map.entry(LocalDateTime.class, typed(LocalDateTime.class)),
          Map.entry(OffsetDateTime.class, typed(OffsetDateTime.class)),
          Map.entry(OffsetTime.class, typed(OffsetTime.class)),
          Map.entry(Instant.class, ColumnReaders::instant),
          Map.entry(Object.class, NaturalTypes::read));

  private static final Map<Class<?>, Class<?>> BOXES =
      Map.of(
          int.class, Integer.class,
          long.class, Long.class,
          short.class, Short.class,
          double.class, Double.class,
          float.class, Float.class,
          boolean.class, Boolean.class);

  private ColumnReaders() {}

  /** Whether values of this type are read from a single column (not mapped as a record). */
  static boolean isSimple(Class<?> type) {
    return SIMPLE.containsKey(box(type))
        || type.isEnum()
        || type.isArray()
        || java.util.List.class.isAssignableFrom(type);
  }

  /** The reader for a Java type; {@code genericType} gives a {@code List}'s element type. */
  static ColumnReader forType(Class<?> type, Type genericType) {
    ColumnReader simple = SIMPLE.get(box(type));
    if (simple != null) {
      return simple;
    }
    if (type.isEnum()) {
      return (row, column) -> enumValue(type, row.getString(column));
    }
    if (type.isArray() && type != byte[].class) {
      return (row, column) -> ArrayValues.toJavaArray(row.getArray(column), type);
    }
    if (java.util.List.class.isAssignableFrom(type)) {
      Class<?> element = listElement(genericType);
      return (row, column) -> ArrayValues.toList(row.getArray(column), element);
    }
    throw new IllegalArgumentException(
        "no column conversion to "
            + type.getName()
            + ": map it to a String, number, boolean, java.time type, UUID, byte[], enum, array,"
            + " List or record, or supply a RowMapper");
  }

  static Class<?> box(Class<?> type) {
    return BOXES.getOrDefault(type, type);
  }

  private static Class<?> listElement(Type genericType) {
    if (genericType instanceof ParameterizedType p
        && p.getActualTypeArguments()[0] instanceof Class<?> element) {
      return element;
    }
    return Object.class;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static @Nullable Object enumValue(Class<?> type, @Nullable String label) {
    if (label == null) {
      return null;
    }
    try {
      return Enum.valueOf((Class) type, label);
    } catch (IllegalArgumentException e) {
      throw new PgException(
          "the value '" + label + "' is not a constant of enum " + type.getName(), e);
    }
  }

  private static ColumnReader typed(Class<?> type) {
    return (row, column) -> row.getObject(column, type);
  }

  private static @Nullable Object instant(ResultSet row, int column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    if (value == null) {
      return null;
    }
    if (value.equals(OffsetDateTime.MAX)) {
      return Instant.MAX;
    }
    return value.equals(OffsetDateTime.MIN) ? Instant.MIN : value.toInstant();
  }

  private static @Nullable Object bigDecimal(ResultSet row, int column) throws SQLException {
    Object value = row.getObject(column);
    return switch (value) {
      case null -> null;
      case BigDecimal decimal -> decimal;
      case Double d when d.isNaN() || d.isInfinite() ->
          throw new PgException(
              "column "
                  + row.getMetaData().getColumnLabel(column)
                  + " holds "
                  + d
                  + ", which BigDecimal cannot represent: read it as double or Number",
              null);
      default -> new BigDecimal(value.toString());
    };
  }

  private static @Nullable Object bigInteger(ResultSet row, int column) throws SQLException {
    Object decimal = bigDecimal(row, column);
    return decimal == null ? null : ((BigDecimal) decimal).toBigIntegerExact();
  }

  private interface PrimitiveGetter {
    Object get(ResultSet row, int column) throws SQLException;
  }

  private static ColumnReader nullable(PrimitiveGetter getter) {
    return (row, column) -> {
      Object value = getter.get(row, column);
      return row.wasNull() ? null : value;
    };
  }
}
