package dev.pgpipe.cdc.json;

import dev.pgpipe.cdc.Column;
import dev.pgpipe.cdc.TableSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last table decoded under each name, handed out again for every later event that describes it
 * the same way. A decoded envelope carries its table's full definition in every event; sharing one
 * instance spares building it again, and lets a consumer that compares an event's table with the
 * one it knows ({@code ==} first, then {@code equals}) compare references instead of every column.
 * Holds at most {@value #LIMIT} names, and forgets them all when more come. Thread-safe.
 */
final class SharedTables {

  static final int LIMIT = 4096;

  /** A table as built, with the key names it was read with. */
  private record Known(TableSchema table, List<String> keys) {}

  private final Map<String, Known> last = new ConcurrentHashMap<>();

  /** The table these fields describe: the one built before from the same fields, or a new one. */
  TableSchema share(
      String schema,
      String name,
      char identity,
      List<Column> columns,
      long relationId,
      List<String> keys) {
    String qualified = schema + "." + name;
    Known known = last.get(qualified);
    if (known != null) {
      TableSchema table = known.table();
      if (table.schema().equals(schema)
          && table.name().equals(name)
          && table.replicaIdentity() == identity
          && table.relationId() == relationId
          && table.columns().equals(columns)
          && known.keys().equals(keys)) {
        return table;
      }
    }
    TableSchema table = new TableSchema(schema, name, identity, columns, relationId, keys);
    if (last.size() >= LIMIT) {
      last.clear();
    }
    last.put(qualified, new Known(table, List.copyOf(keys)));
    return table;
  }
}
