package dev.pgpipe.client;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Binds Java values to statement parameters. NULL, strings, numbers, booleans, {@code java.time}
 * values ({@code Instant.MAX}/{@code MIN} and the {@code MAX}/{@code MIN} of the local and offset
 * types as ±infinity), UUID, {@code byte[]}, enums (by name), {@link Json}, {@link SqlArray}, and
 * arrays or collections of these (element type inferred from the first non-null element).
 */
final class ParameterBinder {

  /** Types pgjdbc binds itself, with their array element type names. */
  private static final Map<Class<?>, String> ARRAY_TYPES =
      Map.ofEntries(
          Map.entry(Integer.class, "int4"),
          Map.entry(Long.class, "int8"),
          Map.entry(Short.class, "int2"),
          Map.entry(Double.class, "float8"),
          Map.entry(Float.class, "float4"),
          Map.entry(Boolean.class, "bool"),
          Map.entry(BigDecimal.class, "numeric"),
          Map.entry(BigInteger.class, "numeric"),
          Map.entry(UUID.class, "uuid"),
          Map.entry(LocalDate.class, "date"),
          Map.entry(LocalDateTime.class, "timestamp"),
          Map.entry(Instant.class, "timestamptz"),
          Map.entry(OffsetDateTime.class, "timestamptz"),
          Map.entry(LocalTime.class, "time"),
          Map.entry(OffsetTime.class, "timetz"),
          Map.entry(byte[].class, "bytea"));

  private static final Set<Class<?>> DRIVER_TYPES =
      Set.of(
          UUID.class,
          LocalDate.class,
          LocalDateTime.class,
          LocalTime.class,
          OffsetDateTime.class,
          OffsetTime.class);

  private ParameterBinder() {}

  static void bind(PreparedStatement statement, int index, @Nullable Object value)
      throws SQLException {
    switch (value) {
      case null -> statement.setNull(index, Types.NULL);
      case String s -> statement.setString(index, s);
      case Integer n -> statement.setInt(index, n);
      case Long n -> statement.setLong(index, n);
      case Short n -> statement.setShort(index, n);
      case Double n -> statement.setDouble(index, n);
      case Float n -> statement.setFloat(index, n);
      case Boolean b -> statement.setBoolean(index, b);
      case BigDecimal n -> statement.setBigDecimal(index, n);
      case BigInteger n -> statement.setBigDecimal(index, new BigDecimal(n));
      case byte[] bytes -> statement.setBytes(index, bytes);
      case Instant instant -> statement.setObject(index, offsetDateTime(instant));
      case Enum<?> e -> statement.setObject(index, e.name(), Types.OTHER);
      case Json json -> statement.setObject(index, json.text(), Types.OTHER);
      case SqlArray array -> bindArray(statement, index, array);
      case Collection<?> elements ->
          bindArray(statement, index, inferred(new ArrayList<>(elements)));
      default -> bindOther(statement, index, value);
    }
  }

  private static void bindOther(PreparedStatement statement, int index, Object value)
      throws SQLException {
    if (DRIVER_TYPES.contains(value.getClass())) {
      statement.setObject(index, value);
      return;
    }
    if (!value.getClass().isArray()) {
      throw new IllegalArgumentException(
          "cannot bind parameter "
              + index
              + " of type "
              + value.getClass().getName()
              + ": use a String, number, boolean, java.time value, UUID, byte[], enum, Json,"
              + " SqlArray, array or collection");
    }
    List<@Nullable Object> elements = new ArrayList<>();
    for (int i = 0; i < Array.getLength(value); i++) {
      elements.add(Array.get(value, i));
    }
    bindArray(statement, index, inferred(elements));
  }

  private static OffsetDateTime offsetDateTime(Instant instant) {
    if (instant.equals(Instant.MAX)) {
      return OffsetDateTime.MAX;
    }
    if (instant.equals(Instant.MIN)) {
      return OffsetDateTime.MIN;
    }
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static void bindArray(PreparedStatement statement, int index, SqlArray array)
      throws SQLException {
    Connection connection = statement.getConnection();
    Object[] elements = array.elements().stream().map(ParameterBinder::arrayElement).toArray();
    statement.setArray(index, connection.createArrayOf(array.elementType(), elements));
  }

  private static @Nullable Object arrayElement(@Nullable Object element) {
    return switch (element) {
      case Instant instant -> offsetDateTime(instant);
      case Enum<?> e -> e.name();
      case BigInteger n -> new BigDecimal(n);
      case null, default -> element;
    };
  }

  private static SqlArray inferred(List<@Nullable Object> elements) {
    Object sample = elements.stream().filter(e -> e != null).findFirst().orElse(null);
    String type = sample == null ? "text" : ARRAY_TYPES.getOrDefault(sample.getClass(), "text");
    return new SqlArray(type, elements);
  }
}
