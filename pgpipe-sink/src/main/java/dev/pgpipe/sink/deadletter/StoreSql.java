package dev.pgpipe.sink.deadletter;

import dev.pgpipe.client.Identifier;
import dev.pgpipe.client.SchemaUpgrade;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of one dead-letter table, read into {@link DeadLetter}s whatever its columns are called:
 * the sink's {@code sink_dead_letters} keeps the envelope whole, the buffer's {@code
 * cdc_dead_letters} keeps it split as its events table does. Immutable.
 */
record StoreSql(Origin origin, String table, String id, String select, String order) {

  private static final String SINK_SELECT =
      "id, source_id, schema_name, table_name, operation,"
          + " (coalesce(commit_lsn, '0/0') - '0/0')::int8, coalesce((event ->> 'index')::int, 0),"
          + " event::text, error, sql_state, coalesce((to_jsonb(d) ->> 'attempts')::int, 1),"
          + " failed_at";

  private static final String BUFFER_SELECT =
      "event_id, source_id, schema_name, table_name, operation,"
          + " (coalesce((metadata ->> 'commit_lsn')::pg_lsn, lsn) - '0/0')::int8,"
          + " coalesce((metadata ->> 'index')::int, 0),"
          + " (coalesce(metadata, '{}') || jsonb_build_object('before', before_data,"
          + " 'after', after_data))::text, error, to_jsonb(d) ->> 'sql_state',"
          + " coalesce((to_jsonb(d) ->> 'attempts')::int, 1), failed_at";

  static StoreSql sink(String schema) {
    return new StoreSql(
        Origin.SINK,
        Identifier.quote(schema, "sink_dead_letters"),
        "id",
        SINK_SELECT,
        "commit_lsn NULLS FIRST, coalesce((event ->> 'index')::int, 0), id");
  }

  static StoreSql buffer(String schema) {
    return new StoreSql(
        Origin.BUFFER,
        Identifier.quote(schema, "cdc_dead_letters"),
        "event_id",
        BUFFER_SELECT,
        "coalesce((metadata ->> 'commit_lsn')::pg_lsn, lsn), (metadata ->> 'index')::int,"
            + " event_id");
  }

  /** Whether the table exists in the database of {@code connection}. */
  boolean exists(Connection connection) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      s.setString(1, table);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /** The letters the filter selects, in replay order; {@code suffix} may lock them. */
  List<DeadLetter> select(Connection connection, LetterFilter filter, String suffix)
      throws SQLException {
    String sql =
        "SELECT " + select + " FROM " + table + " d WHERE " + where() + " ORDER BY " + order;
    try (PreparedStatement s = connection.prepareStatement(sql + suffix)) {
      bind(connection, s, filter);
      List<DeadLetter> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    }
  }

  /** Deletes the letters the filter selects; returns how many. */
  int delete(Connection connection, LetterFilter filter) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement("DELETE FROM " + table + " d WHERE " + where())) {
      bind(connection, s, filter);
      return s.executeUpdate();
    }
  }

  /**
   * Adds {@code attempts} (and {@code sql_state}, which the buffer's table lacks) to a table an
   * older version created, when missing; returns whether the table exists.
   */
  boolean upgrade(Connection connection) throws SQLException {
    if (!exists(connection)) {
      return false;
    }
    try (Statement s = connection.createStatement()) {
      s.execute(SchemaUpgrade.column(table, "attempts", "int NOT NULL DEFAULT 1"));
      s.execute(SchemaUpgrade.column(table, "sql_state", "text"));
    }
    return true;
  }

  /**
   * Records that the letter was refused again: the new error and SQLSTATE, one more attempt, the
   * time. Returns the attempts now counted.
   */
  int failed(Connection connection, long letterId, String error, @Nullable String sqlState)
      throws SQLException {
    String sql =
        "UPDATE "
            + table
            + " SET error = ?, sql_state = ?, attempts = attempts + 1, failed_at = now()"
            + " WHERE "
            + id
            + " = ? RETURNING attempts";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setString(1, error);
      s.setString(2, sqlState);
      s.setLong(3, letterId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException(
              "dead letter " + origin.label() + ":" + letterId + " vanished while locked");
        }
        return rs.getInt(1);
      }
    }
  }

  private String where() {
    return "source_id <> 'pgpipe-replay'"
        + " AND (cardinality(?::int8[]) = 0 OR "
        + id
        + " = ANY (?::int8[]))"
        + " AND (?::text IS NULL OR schema_name = ?)"
        + " AND (?::text IS NULL OR table_name = ?)"
        + " AND (?::text IS NULL OR source_id = ?)"
        + " AND (?::timestamptz IS NULL OR failed_at >= ?)";
  }

  private static void bind(Connection connection, PreparedStatement s, LetterFilter filter)
      throws SQLException {
    Array ids = connection.createArrayOf("int8", filter.ids().toArray());
    s.setArray(1, ids);
    s.setArray(2, ids);
    String schema = filter.schemaName();
    String table = filter.tableName();
    String source = filter.sourceId();
    s.setString(3, schema);
    s.setString(4, schema);
    s.setString(5, table);
    s.setString(6, table);
    s.setString(7, source);
    s.setString(8, source);
    Instant from = filter.since();
    Timestamp since = from == null ? null : Timestamp.from(from);
    s.setTimestamp(9, since);
    s.setTimestamp(10, since);
  }

  private DeadLetter read(ResultSet rs) throws SQLException {
    String operation = rs.getString(5);
    String error = rs.getString(9);
    return new DeadLetter(
        origin,
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        operation == null ? "?" : operation,
        rs.getLong(6),
        rs.getInt(7),
        rs.getString(8),
        error == null ? "" : error,
        rs.getString(10),
        rs.getInt(11),
        rs.getTimestamp(12).toInstant());
  }
}
