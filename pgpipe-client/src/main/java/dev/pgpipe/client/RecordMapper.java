package dev.pgpipe.client;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps rows to a record through its canonical constructor: each component takes the column whose
 * label matches its name ({@code snake_case} columns match {@code camelCase} components). The
 * constructor handle and the column readers are bound once per result; rows then cost one call.
 */
final class RecordMapper<T> implements RowMapper<T> {

  private final Class<T> type;
  private final MethodHandle constructor;
  private final ColumnReader[] readers;
  private final int[] columns;
  private final RecordComponent[] components;

  private RecordMapper(
      Class<T> type,
      MethodHandle constructor,
      ColumnReader[] readers,
      int[] columns,
      RecordComponent[] components) {
    this.type = type;
    this.constructor = constructor;
    this.readers = readers;
    this.columns = columns;
    this.components = components;
  }

  /** What is fixed per record type: components, their readers and the constructor handle. */
  private record Plan(
      RecordComponent[] components, ColumnReader[] readers, MethodHandle constructor) {}

  private static final ClassValue<Plan> PLANS =
      new ClassValue<>() {
        @Override
        protected Plan computeValue(Class<?> type) {
          RecordComponent[] components = type.getRecordComponents();
          ColumnReader[] readers = new ColumnReader[components.length];
          for (int i = 0; i < components.length; i++) {
            readers[i] =
                ColumnReaders.forType(components[i].getType(), components[i].getGenericType());
          }
          return new Plan(components, readers, canonicalConstructor(type, components));
        }
      };

  static <T> RecordMapper<T> create(Class<T> type, ResultSetMetaData metadata) throws SQLException {
    Plan plan = PLANS.get(type);
    Map<String, Integer> byName = new HashMap<>();
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= metadata.getColumnCount(); i++) {
      labels.add(metadata.getColumnLabel(i));
      byName.putIfAbsent(MapperFactory.fold(metadata.getColumnLabel(i)), i);
    }
    int[] columns = new int[plan.components().length];
    for (int i = 0; i < columns.length; i++) {
      Integer column = byName.get(MapperFactory.fold(plan.components()[i].getName()));
      if (column == null) {
        throw new PgException(
            "record "
                + type.getSimpleName()
                + " has a component '"
                + plan.components()[i].getName()
                + "' but the result has no such column; columns: "
                + labels,
            null);
      }
      columns[i] = column;
    }
    return new RecordMapper<>(type, plan.constructor(), plan.readers(), columns, plan.components());
  }

  private static MethodHandle canonicalConstructor(Class<?> type, RecordComponent[] components) {
    Class<?>[] parameterTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      parameterTypes[i] = components[i].getType();
    }
    try {
      Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
      constructor.setAccessible(true);
      return MethodHandles.lookup()
          .unreflectConstructor(constructor)
          .asSpreader(Object[].class, components.length);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot use the canonical constructor of " + type.getName() + ": " + e, e);
    }
  }

  @Override
  public T map(ResultSet row) throws SQLException {
    @Nullable Object[] arguments = new @Nullable Object[readers.length];
    for (int i = 0; i < readers.length; i++) {
      Object value = readers[i].read(row, columns[i]);
      if (value == null && components[i].getType().isPrimitive()) {
        throw new PgException(
            "column for component '"
                + components[i].getName()
                + "' of "
                + type.getSimpleName()
                + " is NULL in row "
                + row.getRow()
                + ", but the component is a primitive "
                + components[i].getType()
                + ": make it a boxed type",
            null);
      }
      arguments[i] = value;
    }
    try {
      return type.cast(constructor.invoke(arguments));
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new PgException("constructing " + type.getSimpleName() + " failed: " + e, e);
    }
  }
}
