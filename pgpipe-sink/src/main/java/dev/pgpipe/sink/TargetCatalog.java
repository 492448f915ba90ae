package dev.pgpipe.sink;

import dev.pgpipe.client.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
final class TargetCatalog implements TableLookup {

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

  @Override
  public boolean allowed(String schema, String name) {
    return whitelist.isEmpty() || whitelist.contains(schema + "." + name);
  }

  @Override
  public Optional<TargetTable> table(String schema, String name) {
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

  /** Drops the cached definition of {@code schema.name} (its shape changed in the target). */
  void forget(String label) {
    cache.remove(label);
  }

  /**
   * The table as {@code connection} sees it (inside its transaction, after its own DDL), key or
   * not; empty when the target has no such table.
   */
  static Optional<TargetShape> read(Connection connection, String schema, String name)
      throws SQLException {
    List<TargetColumn> columns = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement(COLUMNS)) {
      s.setString(1, schema);
      s.setString(2, name);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          columns.add(new TargetColumn(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
        }
      }
    }
    if (columns.isEmpty()) {
      return Optional.empty();
    }
    List<String> key = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement(KEY)) {
      s.setString(1, schema);
      s.setString(2, name);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          key.add(rs.getString(1));
        }
      }
    }
    return Optional.of(new TargetShape(schema, name, columns, key));
  }
}
