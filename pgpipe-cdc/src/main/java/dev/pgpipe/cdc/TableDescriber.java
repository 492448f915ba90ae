package dev.pgpipe.cdc;

import dev.pgpipe.cdc.value.ResolvedType;
import dev.pgpipe.cdc.value.TypeRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * A published table as the source catalog describes it now: its live, non-generated columns in
 * attnum order with types, modifiers and target definitions, and key flags as pgoutput would send
 * them (primary key, replica identity index, or every column under {@code REPLICA IDENTITY FULL}).
 * Learns the column types into the registry. Used by the snapshot and by chunked backfills.
 */
final class TableDescriber {

  private final SourceCatalog catalog;
  private final TypeRegistry types;

  TableDescriber(SourceCatalog catalog, TypeRegistry types) {
    this.catalog = catalog;
    this.types = types;
  }

  private record Row(
      String name, long oid, boolean notNull, boolean key, String identity, int mod, long rel) {}

  /** The table's published columns, with key flags as pgoutput would send them. */
  TableSchema describe(String table) {
    List<Row> rows = attributes(table);
    catalog.learnTypes(types, rows.stream().map(Row::oid).toList());
    List<Column> columns = new ArrayList<>();
    for (Row row : rows) {
      ResolvedType type = types.resolve(row.oid());
      columns.add(
          new Column(
              row.name(),
              types.name(row.oid()),
              row.oid(),
              type.kind(),
              type.array(),
              !row.notNull(),
              row.key(),
              row.mod(),
              catalog.definition(row.oid(), row.mod()),
              null));
    }
    int dot = table.indexOf('.');
    char identity = rows.isEmpty() ? 'd' : rows.get(0).identity().charAt(0);
    long relationId = rows.isEmpty() ? 0 : rows.get(0).rel();
    return new TableSchema(
        table.substring(0, dot),
        table.substring(dot + 1),
        identity,
        columns,
        relationId,
        relationId == 0 ? List.of() : catalog.keyOrder(relationId));
  }

  private List<Row> attributes(String table) {
    return catalog.query(
        "SELECT a.attname, a.atttypid::int8, a.attnotnull,"
            + " c.relreplident = 'f' OR EXISTS (SELECT 1 FROM pg_index i"
            + " WHERE i.indrelid = c.oid AND a.attnum = ANY(i.indkey)"
            + " AND ((c.relreplident = 'd' AND i.indisprimary)"
            + " OR (c.relreplident = 'i' AND i.indisreplident))),"
            + " c.relreplident::text, a.atttypmod, c.oid::int8"
            + " FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
            + " WHERE c.oid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped"
            + " AND a.attgenerated = '' ORDER BY a.attnum",
        List.of(TableNames.quote(table)),
        rs ->
            new Row(
                rs.getString(1),
                rs.getLong(2),
                rs.getBoolean(3),
                rs.getBoolean(4),
                rs.getString(5),
                rs.getInt(6),
                rs.getLong(7)));
  }
}
