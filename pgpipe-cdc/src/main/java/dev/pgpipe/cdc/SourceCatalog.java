package dev.pgpipe.cdc;

import dev.pgpipe.cdc.pgoutput.RelationColumn;
import dev.pgpipe.cdc.value.TypeInfo;
import dev.pgpipe.cdc.value.TypeRegistry;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.PgException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Catalog questions about the source, on one plain connection it owns: slots, types, NOT NULL
 * columns, published tables. Thread-safe (calls are serialized).
 */
final class SourceCatalog implements CatalogLookup, AutoCloseable {

  private static final String SLOT_SQL =
      "SELECT slot_name, coalesce(plugin, ''), coalesce(database, ''), active,"
          + " coalesce(active_pid, 0), coalesce(confirmed_flush_lsn - '0/0', 0)::int8,"
          + " coalesce(wal_status, ''),"
          + " coalesce(pg_current_wal_lsn() - restart_lsn, 0)::int8,"
          + " coalesce(pg_current_wal_lsn() - confirmed_flush_lsn, 0)::int8"
          + " FROM pg_replication_slots";

  private final ConnectionSettings settings;
  private final TypeDefinitions definitions = new TypeDefinitions(this);
  private Connection connection;

  SourceCatalog(ConnectionSettings settings) {
    this.settings = settings;
    this.connection = Connections.regular(settings);
  }

  /** Reconnects after the server closed the connection (a restart, a terminated backend). */
  private void ensureOpen() throws SQLException {
    if (connection.isClosed()) {
      connection = Connections.regular(settings);
    }
  }

  synchronized List<SlotInfo> slots() {
    return query(SLOT_SQL + " ORDER BY slot_name", List.of(), SourceCatalog::slot);
  }

  synchronized Optional<SlotInfo> slot(String name) {
    return query(SLOT_SQL + " WHERE slot_name = ?", List.of(name), SourceCatalog::slot).stream()
        .findFirst();
  }

  private static SlotInfo slot(ResultSet rs) throws SQLException {
    return new SlotInfo(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getBoolean(4),
        rs.getInt(5),
        rs.getLong(6),
        rs.getString(7),
        rs.getLong(8),
        rs.getLong(9));
  }

  synchronized int serverVersion() {
    return query("SHOW server_version_num", List.of(), rs -> rs.getInt(1)).get(0);
  }

  synchronized String setting(String name) {
    return query("SELECT current_setting(?)", List.of(name), rs -> rs.getString(1)).get(0);
  }

  /** Runs a statement that returns nothing useful. */
  synchronized void execute(String sql, Object... parameters) {
    query(sql, List.of(parameters), rs -> 0);
  }

  private static final String FACTS =
      "SELECT a.attname, a.atttypid::int8, a.atttypmod, a.attnotnull,"
          + " CASE WHEN a.atthasmissing AND a.attndims = 0"
          + " THEN (a.attmissingval::text::text[])[1] END,"
          + " CASE WHEN d.adbin::text LIKE '{CONST %' THEN pg_get_expr(d.adbin, d.adrelid) END"
          + " FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d"
          + " ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
          + " WHERE a.attrelid = ? AND a.attnum > 0"
          + " AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum";

  /** See {@link RelationFacts#of}. */
  @Override
  public synchronized RelationFacts facts(long relationId, List<RelationColumn> columns) {
    List<RelationFacts.Attribute> found =
        query(
            FACTS,
            List.of(relationId),
            rs ->
                new RelationFacts.Attribute(
                    rs.getString(1),
                    rs.getLong(2),
                    rs.getInt(3),
                    rs.getBoolean(4),
                    rs.getString(5),
                    rs.getString(6)));
    return RelationFacts.of(found, columns, keyOrder(relationId));
  }

  private static final String KEY_ORDER =
      "SELECT a.attname FROM pg_catalog.pg_index i"
          + " JOIN pg_catalog.pg_class c ON c.oid = i.indrelid"
          + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)"
          + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum"
          + " WHERE c.oid = ? AND CASE WHEN c.relreplident = 'i' THEN i.indisreplident"
          + " ELSE i.indisprimary END ORDER BY k.ord";

  /** The key's columns in its order: the primary key, or the replica identity index. */
  synchronized List<String> keyOrder(long relationId) {
    return query(KEY_ORDER, List.of(relationId), rs -> rs.getString(1));
  }

  @Override
  public @Nullable String definition(long typeOid, int typeModifier) {
    return definitions.definition(typeOid, typeModifier);
  }

  @Override
  public synchronized void learnTypes(TypeRegistry registry, Collection<Long> typeOids) {
    Deque<Long> pending = new ArrayDeque<>(typeOids);
    while (!pending.isEmpty()) {
      long oid = pending.pop();
      if (registry.isKnown(oid) || oid == 0) {
        continue;
      }
      List<TypeInfo> found =
          query(
              "SELECT oid::int8, typname, typtype, typelem::int8, typbasetype::int8"
                  + " FROM pg_type WHERE oid = ?",
              List.of(oid),
              rs ->
                  new TypeInfo(
                      rs.getLong(1),
                      rs.getString(2),
                      rs.getString(3).charAt(0),
                      rs.getLong(4),
                      rs.getLong(5)));
      for (TypeInfo type : found) {
        registry.register(type);
        pending.push(type.elementOid());
        pending.push(type.baseOid());
      }
    }
  }

  /** {@code schema.table} of every table in the publication. */
  synchronized List<String> publishedTables(String publication) {
    return query(
        "SELECT schemaname || '.' || tablename FROM pg_publication_tables WHERE pubname = ?"
            + " ORDER BY 1",
        List.of(publication),
        rs -> rs.getString(1));
  }

  /**
   * Runs {@code work} (queries of this catalog) in one REPEATABLE READ, READ ONLY transaction, so
   * that all of them read the snapshot the first one took; the transaction ends either way.
   */
  synchronized <T> T inOneSnapshot(Supplier<T> work) {
    execute("START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    T result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      try {
        execute("ROLLBACK");
      } catch (RuntimeException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
    execute("COMMIT");
    return result;
  }

  synchronized <T> List<T> query(String sql, List<Object> parameters, RowReader<T> reader) {
    try {
      ensureOpen();
    } catch (SQLException e) {
      throw PgException.from(e, "catalog connection failed");
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      List<T> rows = new ArrayList<>();
      if (statement.execute()) {
        try (ResultSet rs = statement.getResultSet()) {
          while (rs.next()) {
            rows.add(reader.read(rs));
          }
        }
      }
      return rows;
    } catch (SQLException e) {
      throw PgException.from(e, "catalog query failed (" + sql.split(" FROM")[0] + ")");
    }
  }

  /** Maps one row. */
  interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  @Override
  public synchronized void close() {
    Connections.closeQuietly(connection);
  }
}
