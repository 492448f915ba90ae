package dev.pgpipe.sink.verify;

import dev.pgpipe.client.SqlRunner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables, columns and primary keys of one side, read from {@code pg_class}, {@code
 * pg_attribute} and {@code pg_index}. Names are parameters, never SQL text.
 */
final class Catalog {

  /** A table of the source and whether it has a primary key. */
  record Listed(TableName table, boolean keyed) {}

  private static final String TABLES =
      """
      SELECT n.nspname, c.relname, EXISTS (
          SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisprimary)
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND n.nspname <> ? AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
      ORDER BY n.nspname, c.relname
      """;

  private static final String COLUMNS =
      """
      SELECT a.attname, format_type(a.atttypid, a.atttypmod), (
          SELECT k.ord FROM pg_catalog.pg_index i
          CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
          WHERE i.indrelid = c.oid AND i.indisprimary AND k.attnum = a.attnum)
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_catalog.pg_attribute a
        ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')
      ORDER BY a.attnum
      """;

  private Catalog() {}

  /** Every table outside {@code ownSchema} and the system schemas, by schema and name. */
  static List<Listed> tables(SqlRunner db, String ownSchema) {
    return db.sql(TABLES, ownSchema)
        .map(r -> new Listed(new TableName(r.getString(1), r.getString(2)), r.getBoolean(3)))
        .list();
  }

  /** The table's shape, or empty when this side has no table (or partitioned table) of the name. */
  static Optional<Shape> shape(SqlRunner db, TableName table) {
    record Column(String name, String type, long keyPosition) {}
    List<Optional<Column>> rows =
        db.sql(COLUMNS, table.schema(), table.name())
            .map(
                r -> {
                  String name = r.getString(1);
                  return name == null
                      ? Optional.<Column>empty()
                      : Optional.of(new Column(name, r.getString(2), r.getLong(3)));
                })
            .list();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> types = new LinkedHashMap<>();
    List<Column> key = new ArrayList<>();
    for (Optional<Column> row : rows) {
      row.ifPresent(
          column -> {
            types.put(column.name(), column.type());
            if (column.keyPosition() > 0) {
              key.add(column);
            }
          });
    }
    key.sort(java.util.Comparator.comparingLong(Column::keyPosition));
    return Optional.of(new Shape(table, types, key.stream().map(Column::name).toList()));
  }
}
