package dev.pgpipe.copy;

import dev.pgpipe.client.Identifier;
import dev.pgpipe.copy.codec.PgType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table that rows of type {@code T} are copied into: schema-qualified name, columns (type,
 * nullability, accessor) and primary key. Immutable and thread-safe.
 *
 * <pre>{@code
 * @PgTable(name = "trades", primaryKey = {"instrument_id", "sequence"})
 * record Trade(@PgColumn(type = "timestamptz", epoch = EpochUnit.NANOS) long tsEvent,
 *              long instrumentId, long sequence, long price, int size, char side) {}
 * Table<Trade> trades = Table.of(Trade.class);
 *
 * Table<Object[]> changes = Table.<Object[]>builder("audit.changes")
 *     .column("id", "int8", row -> row[0]).column("payload", "jsonb", row -> row[1])
 *     .primaryKey("id").build();
 * }</pre>
 */
public record Table<T>(
    String schema, String name, List<MappedColumn<T>> columns, List<String> primaryKey) {

  public Table {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    if (schema.isEmpty() || name.isEmpty() || columns.isEmpty()) {
      throw new IllegalArgumentException("a table needs a schema, a name and columns: " + name);
    }
    Set<String> names = new HashSet<>();
    for (MappedColumn<T> column : columns) {
      if (!names.add(column.name())) {
        throw new IllegalArgumentException("column " + column.name() + " appears twice in " + name);
      }
    }
    for (String key : primaryKey) {
      if (!names.contains(key)) {
        throw new IllegalArgumentException(
            "primary key column " + key + " is not a column of " + name + ": " + names);
      }
    }
  }

  /** The table a record type maps to; see {@link PgTable}, {@link PgColumn}, {@link PgIgnore}. */
  public static <R extends Record> Table<R> of(Class<R> recordType) {
    return RecordTables.derive(recordType);
  }

  /** Builds a table explicitly; {@code qualifiedName} is {@code schema.table} or {@code table}. */
  public static <T> TableBuilder<T> builder(String qualifiedName) {
    return new TableBuilder<>(qualifiedName);
  }

  /** A table for {@code Object[]} rows whose i-th element is the i-th column's value. */
  public static Table<Object[]> forArrays(String qualifiedName, Map<String, String> typesByName) {
    List<String> names = new ArrayList<>(typesByName.keySet());
    List<PgType> types = typesByName.values().stream().map(PgType::parse).toList();
    return forArrays(qualifiedName, names, types);
  }

  /**
   * A table for {@code Object[]} rows whose columns are known only at run time (read from a
   * catalog, say): the i-th element of a row is the value of {@code names.get(i)}, encoded by the
   * codec of {@code types.get(i)}; every column is nullable. With {@link RowEncoder#of} it encodes
   * such rows as binary COPY tuples.
   */
  public static Table<Object[]> forArrays(
      String qualifiedName, List<String> names, List<PgType> types) {
    if (names.size() != types.size()) {
      throw new IllegalArgumentException(
          names.size() + " column names but " + types.size() + " types: " + names);
    }
    TableBuilder<Object[]> builder = builder(qualifiedName);
    for (int i = 0; i < names.size(); i++) {
      int index = i;
      builder.column(names.get(i), types.get(i), new Accessor.OfObject<>(row -> row[index]));
    }
    return builder.build();
  }

  /** A table for rows given as maps from column name to value (absent = NULL). */
  public static Table<Map<String, ?>> forMaps(
      String qualifiedName, Map<String, String> typesByName) {
    TableBuilder<Map<String, ?>> builder = builder(qualifiedName);
    typesByName.forEach((column, type) -> builder.column(column, type, row -> row.get(column)));
    return builder.build();
  }

  /** {@code "schema"."name"}, quoted. */
  public String qualifiedName() {
    return Identifier.quote(schema, name);
  }

  /** The column names in order. */
  public List<String> columnNames() {
    return columns.stream().map(MappedColumn::name).toList();
  }

  /** {@code COPY "schema"."name" ("a", "b") FROM STDIN (FORMAT binary)}. */
  public String copySql() {
    return copySqlInto(qualifiedName());
  }

  String copySqlInto(String target) {
    return "COPY "
        + target
        + " ("
        + Identifier.quoteAll(columnNames())
        + ") FROM STDIN (FORMAT binary)";
  }

  /** {@code CREATE TABLE IF NOT EXISTS} for this definition, with its primary key. */
  public String createSql() {
    StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(qualifiedName());
    sql.append(" (");
    for (int i = 0; i < columns.size(); i++) {
      MappedColumn<T> column = columns.get(i);
      sql.append(i == 0 ? "" : ", ").append(Identifier.quote(column.name())).append(' ');
      sql.append(column.type().formatType()).append(column.notNull() ? " NOT NULL" : "");
    }
    if (!primaryKey.isEmpty()) {
      sql.append(", PRIMARY KEY (").append(Identifier.quoteAll(primaryKey)).append(')');
    }
    return sql.append(')').toString();
  }

  @Override
  public String toString() {
    return schema + "." + name + columnNames();
  }
}
