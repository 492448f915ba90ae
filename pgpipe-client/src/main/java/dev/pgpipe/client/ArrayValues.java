package dev.pgpipe.client;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Converts SQL arrays to Java arrays and lists; NULL elements stay null. */
final class ArrayValues {

  private ArrayValues() {}

  static @Nullable Object toJavaArray(@Nullable Array array, Class<?> type) throws SQLException {
    if (array == null) {
      return null;
    }
    try {
      return javaArray((Object[]) array.getArray(), type);
    } finally {
      array.free();
    }
  }

  static @Nullable List<@Nullable Object> toList(@Nullable Array array, Class<?> element)
      throws SQLException {
    if (array == null) {
      return null;
    }
    try {
      return list((Object[]) array.getArray(), element);
    } finally {
      array.free();
    }
  }

  private static Object javaArray(Object[] source, Class<?> type) {
    Class<?> component = type.getComponentType();
    Object target = java.lang.reflect.Array.newInstance(component, source.length);
    for (int i = 0; i < source.length; i++) {
      Object element =
          source[i] instanceof Object[] nested && component.isArray()
              ? javaArray(nested, component)
              : convert(source[i], ColumnReaders.box(component));
      if (element == null && component.isPrimitive()) {
        throw new PgException(
            "array element " + (i + 1) + " is NULL but the target is " + type.getSimpleName(),
            null);
      }
      java.lang.reflect.Array.set(target, i, element);
    }
    return target;
  }

  private static List<@Nullable Object> list(Object[] source, Class<?> element) {
    List<@Nullable Object> target = new ArrayList<>(source.length);
    for (Object value : source) {
      target.add(
          value instanceof Object[] nested ? list(nested, element) : convert(value, element));
    }
    return Collections.unmodifiableList(target);
  }

  /** Converts one element as the driver returned it to the wanted Java type. */
  static @Nullable Object convert(@Nullable Object value, Class<?> wanted) {
    if (value == null || wanted.isInstance(value) && !(value instanceof java.util.Date)) {
      return value;
    }
    if (wanted.isEnum()) {
      return ColumnReaders.enumValue(wanted, value.toString());
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp(timestamp, wanted);
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }
    if (value instanceof Number number) {
      return number(number, wanted);
    }
    if (wanted == String.class) {
      return value.toString();
    }
    throw new PgException(
        "cannot convert array element " + value + " to " + wanted.getSimpleName(), null);
  }

  private static Object timestamp(Timestamp timestamp, Class<?> wanted) {
    if (wanted == LocalDateTime.class) {
      return timestamp.toLocalDateTime();
    }
    if (wanted == OffsetDateTime.class) {
      return timestamp.toInstant().atOffset(ZoneOffset.UTC);
    }
    if (wanted == LocalDate.class) {
      return timestamp.toLocalDateTime().toLocalDate();
    }
    return timestamp.toInstant();
  }

  private static Object number(Number number, Class<?> wanted) {
    if (wanted == Integer.class) {
      return number.intValue();
    }
    if (wanted == Long.class) {
      return number.longValue();
    }
    if (wanted == Short.class) {
      return number.shortValue();
    }
    if (wanted == Double.class) {
      return number.doubleValue();
    }
    if (wanted == Float.class) {
      return number.floatValue();
    }
    if (wanted == BigDecimal.class) {
      return new BigDecimal(number.toString());
    }
    if (wanted == BigInteger.class) {
      return new BigDecimal(number.toString()).toBigIntegerExact();
    }
    return number;
  }
}
