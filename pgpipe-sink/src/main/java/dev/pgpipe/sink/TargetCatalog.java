package dev.pgpipe.sink;

import dev.pgpipe.client.Database;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The target tables the sink may write: a table is usable when it is whitelisted (or the whitelist
 * is empty) and the catalog has it. Names are looked up as parameters, never as SQL text; what the
 * catalog returns is what reaches SQL, quoted. Thread-safe; definitions are cached until {@link
 * #forget()}.
 */
final class TargetCatalog {

  private static final String COLUMNS =
      """
      SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull
      FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')
        AND a.attgenerated = ''
      ORDER BY a.attnum
      """;

  private static final String KEY =
      """
      SELECT a.attname
      FROM pg_catalog.pg_index i
      JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE n.nspname = ? AND c.relname = ? AND i.indisprimary
      ORDER BY k.ord
      """;

  private final Database db;
  private final Set<String> whitelist;
  private final Map<String, Optional<TargetTable>> cache = new ConcurrentHashMap<>();

  TargetCatalog(Database db, List<String> whitelist) {
    this.db = db;
    this.whitelist =
        whitelist.stream().map(TargetCatalog::qualify).collect(Collectors.toUnmodifiableSet());
  }

  private static String qualify(String name) {
    return name.contains(".") ? name : "public." + name;
  }

  /** Whether events of {@code schema.name} are to be applied at all. */
  boolean allowed(String schema, String name) {
    return whitelist.isEmpty() || whitelist.contains(schema + "." + name);
  }

  /** The table, or empty when it is not whitelisted or not in the target. */
  Optional<TargetTable> table(String schema, String name) {
    if (!allowed(schema, name)) {
      return Optional.empty();
    }
    return cache.computeIfAbsent(schema + "." + name, k -> load(schema, name));
  }

  private Optional<TargetTable> load(String schema, String name) {
    List<TargetColumn> columns =
        db.sql(COLUMNS, schema, name)
            .map(row -> new TargetColumn(row.getString(1), row.getString(2), row.getBoolean(3)))
            .list();
    if (columns.isEmpty()) {
      return Optional.empty();
    }
    List<String> key = db.sql(KEY, schema, name).map(row -> row.getString(1)).list();
    return Optional.of(new TargetTable(schema, name, columns, key));
  }

  /** Drops the cached definitions (after a schema change in the target). */
  void forget() {
    cache.clear();
  }
}
