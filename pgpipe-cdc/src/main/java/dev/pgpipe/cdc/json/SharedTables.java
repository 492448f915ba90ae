package dev.pgpipe.cdc.json;

import dev.pgpipe.cdc.TableSchema;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last table decoded under each name, handed out again for every later event whose table equals
 * it. A decoded envelope carries its table's full definition in every event; sharing one instance
 * lets a consumer that compares an event's table with the one it knows ({@code ==} first, then
 * {@code equals}) compare references instead of every column. Holds at most {@value #LIMIT} names,
 * and forgets them all when more come. Thread-safe.
 */
final class SharedTables {

  static final int LIMIT = 4096;

  private final Map<String, TableSchema> last = new ConcurrentHashMap<>();

  /** {@code table}, or the equal one decoded before it under its name. */
  TableSchema share(TableSchema table) {
    String name = table.qualifiedName();
    TableSchema known = last.get(name);
    if (known != null && known.equals(table)) {
      return known;
    }
    if (last.size() >= LIMIT) {
      last.clear();
    }
    last.put(name, table);
    return table;
  }
}
