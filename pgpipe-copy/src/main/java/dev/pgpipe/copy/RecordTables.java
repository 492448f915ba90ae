package dev.pgpipe.copy;

import dev.pgpipe.copy.codec.PgKind;
import dev.pgpipe.copy.codec.PgType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Derives a {@link Table} from a record type and its annotations. */
final class RecordTables {

  private static final Map<Class<?>, String> DEFAULT_TYPES =
      Map.ofEntries(
          Map.entry(boolean.class, "bool"),
          Map.entry(Boolean.class, "bool"),
          Map.entry(short.class, "int2"),
          Map.entry(Short.class, "int2"),
          Map.entry(int.class, "int4"),
          Map.entry(Integer.class, "int4"),
          Map.entry(long.class, "int8"),
          Map.entry(Long.class, "int8"),
          Map.entry(float.class, "float4"),
          Map.entry(Float.class, "float4"),
          Map.entry(double.class, "float8"),
          Map.entry(Double.class, "float8"),
          Map.entry(char.class, "char(1)"),
          Map.entry(BigDecimal.class, "numeric"),
          Map.entry(String.class, "text"),
          Map.entry(byte[].class, "bytea"),
          Map.entry(UUID.class, "uuid"),
          Map.entry(LocalDate.class, "date"),
          Map.entry(LocalTime.class, "time"),
          Map.entry(OffsetTime.class, "timetz"),
          Map.entry(LocalDateTime.class, "timestamp"),
          Map.entry(Instant.class, "timestamptz"),
          Map.entry(OffsetDateTime.class, "timestamptz"),
          Map.entry(Duration.class, "interval"),
          Map.entry(dev.pgpipe.copy.codec.PgInterval.class, "interval"),
          Map.entry(InetAddress.class, "inet"),
          Map.entry(dev.pgpipe.copy.codec.PgInet.class, "inet"),
          Map.entry(long[].class, "int8[]"),
          Map.entry(int[].class, "int4[]"),
          Map.entry(double[].class, "float8[]"),
          Map.entry(String[].class, "text[]"));

  private RecordTables() {}

  static <R extends Record> Table<R> derive(Class<R> type) {
    PgTable annotation = type.getAnnotation(PgTable.class);
    String schema = annotation == null ? "public" : annotation.schema();
    String name =
        annotation == null || annotation.name().isEmpty()
            ? SnakeCase.of(type.getSimpleName())
            : annotation.name();
    List<String> key = annotation == null ? List.of() : List.of(annotation.primaryKey());
    List<MappedColumn<R>> columns = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      if (!component.isAnnotationPresent(PgIgnore.class)) {
        columns.add(column(type, component, key));
      }
    }
    return new Table<>(schema, name, columns, key);
  }

  private static <R> MappedColumn<R> column(
      Class<R> type, RecordComponent component, List<String> key) {
    PgColumn override = component.getAnnotation(PgColumn.class);
    String name =
        override == null || override.name().isEmpty()
            ? SnakeCase.of(component.getName())
            : override.name();
    EpochUnit epoch = override == null ? EpochUnit.NONE : override.epoch();
    PgType pgType = type(type, component, override, epoch);
    Accessor<R> accessor = Accessors.bind(type, component, epoch);
    if (component.getType().isEnum() && accessor instanceof Accessor.OfObject<R> object) {
      var getter = object.getter();
      accessor =
          new Accessor.OfObject<R>(
              row -> getter.apply(row) instanceof Enum<?> constant ? constant.name() : null);
    }
    boolean notNull =
        component.getType().isPrimitive()
            || key.contains(name)
            || (override != null && override.notNull());
    try {
      return new MappedColumn<>(name, pgType, notNull, accessor);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          type.getSimpleName() + "." + component.getName() + ": " + e.getMessage(), e);
    }
  }

  private static PgType type(
      Class<?> owner, RecordComponent component, @Nullable PgColumn override, EpochUnit epoch) {
    if (override != null && !override.type().isEmpty()) {
      return PgType.parse(override.type());
    }
    if (epoch != EpochUnit.NONE) {
      return PgType.of(PgKind.TIMESTAMPTZ);
    }
    Class<?> javaType = component.getType();
    String name = javaType.isEnum() ? "text" : DEFAULT_TYPES.get(javaType);
    if (name == null) {
      throw new IllegalArgumentException(
          owner.getSimpleName()
              + "."
              + component.getName()
              + ": no default PostgreSQL type for "
              + javaType.getName()
              + "; give one with @PgColumn(type = ...)");
    }
    return PgType.parse(name);
  }
}
