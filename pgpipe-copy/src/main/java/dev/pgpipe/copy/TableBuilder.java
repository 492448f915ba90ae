package dev.pgpipe.copy;

import dev.pgpipe.copy.codec.PgType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Table} column by column for rows that are not records ({@code Object[]}, maps,
 * your own classes). Typed column methods ({@link #int8}, {@link #float8}, ...) read primitives
 * without boxing. Not thread-safe; {@link #build()} freezes the definition.
 */
public final class TableBuilder<T> {

  private final String schema;
  private final String name;
  private final List<MappedColumn<T>> columns = new ArrayList<>();
  private final List<String> primaryKey = new ArrayList<>();
  private final Set<String> notNull = new HashSet<>();

  TableBuilder(String qualifiedName) {
    int dot = qualifiedName.indexOf('.');
    this.schema = dot < 0 ? "public" : qualifiedName.substring(0, dot);
    this.name = dot < 0 ? qualifiedName : qualifiedName.substring(dot + 1);
  }

  /** A column of any type, read as an object and encoded by the type's codec. */
  public TableBuilder<T> column(
      String column, String type, Function<? super T, ? extends @Nullable Object> getter) {
    return column(column, PgType.parse(type), new Accessor.OfObject<>(getter));
  }

  /** A column with an explicit type and accessor. */
  public TableBuilder<T> column(String column, PgType type, Accessor<T> accessor) {
    columns.add(new MappedColumn<>(column, type, false, accessor));
    return this;
  }

  public TableBuilder<T> int8(String column, ToLongFunction<? super T> getter) {
    return column(column, PgType.parse("int8"), new Accessor.OfLong<>(getter));
  }

  public TableBuilder<T> int4(String column, ToIntFunction<? super T> getter) {
    return column(column, PgType.parse("int4"), new Accessor.OfInt<>(getter));
  }

  public TableBuilder<T> float8(String column, ToDoubleFunction<? super T> getter) {
    return column(column, PgType.parse("float8"), new Accessor.OfDouble<>(getter));
  }

  public TableBuilder<T> bool(String column, Predicate<? super T> getter) {
    return column(column, PgType.parse("bool"), new Accessor.OfBoolean<>(getter));
  }

  /** A {@code char(1)} column read from a {@code char}. */
  public TableBuilder<T> char1(String column, ToIntFunction<? super T> getter) {
    return column(column, PgType.bpchar(1), new Accessor.OfInt<>(getter));
  }

  /** A timestamptz column read from a count since 1970-01-01 UTC. */
  public TableBuilder<T> timestamptz(
      String column, EpochUnit unit, ToLongFunction<? super T> getter) {
    return column(column, PgType.parse("timestamptz"), new Accessor.OfEpoch<>(getter, unit));
  }

  /** Marks columns NOT NULL (key columns are anyway). */
  public TableBuilder<T> notNull(String... names) {
    notNull.addAll(List.of(names));
    return this;
  }

  /** The primary key's columns, in key order. */
  public TableBuilder<T> primaryKey(String... names) {
    primaryKey.clear();
    primaryKey.addAll(List.of(names));
    return this;
  }

  public Table<T> build() {
    List<MappedColumn<T>> built = new ArrayList<>();
    for (MappedColumn<T> column : columns) {
      boolean required =
          column.notNull()
              || column.primitive()
              || notNull.contains(column.name())
              || primaryKey.contains(column.name());
      built.add(new MappedColumn<>(column.name(), column.type(), required, column.accessor()));
    }
    return new Table<>(schema, name, built, primaryKey);
  }
}
