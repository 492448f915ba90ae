package dev.pgpipe.sink.buffer;

import dev.pgpipe.client.Identifier;
import dev.pgpipe.client.SchemaUpgrade;
import dev.pgpipe.sink.Position;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** The buffer's SQL, with the configured schema quoted into it. Immutable. */
final class BufferSql {

  private final String schema;
  private final String events;
  private final String sources;
  private final String dead;

  BufferSql(String schemaName) {
    this.schema = Identifier.quote(schemaName);
    this.events = schema + ".cdc_events";
    this.sources = schema + ".cdc_buffer_sources";
    this.dead = schema + ".cdc_dead_letters";
  }

  List<String> migrate() {
    String columns =
        "source_id text NOT NULL, schema_name text, table_name text, operation text NOT NULL,"
            + " lsn pg_lsn NOT NULL, transaction_id bigint NOT NULL, key_columns jsonb,"
            + " before_data jsonb, after_data jsonb, event_time timestamptz, metadata jsonb";
    return List.of(
        "CREATE SCHEMA IF NOT EXISTS " + schema,
        "CREATE TABLE IF NOT EXISTS "
            + events
            + " (id bigserial PRIMARY KEY, "
            + columns
            + ", created_at timestamptz NOT NULL DEFAULT now(), processed_at timestamptz)",
        SchemaUpgrade.column(events, "metadata", "jsonb"),
        SchemaUpgrade.column(events, "processed_at", "timestamptz"),
        // The claim's own order: the oldest unprocessed events of a source, read from the index
        // instead of sorting the whole backlog (or skipping every processed row) at each claim.
        // Buffers made before it also have cdc_events_unprocessed (source_id, created_at), which
        // nothing reads any more; dropping it spares each write one index update.
        SchemaUpgrade.index(
            schema, "cdc_events_claim", events, "(source_id, id) WHERE processed_at IS NULL"),
        SchemaUpgrade.index(
            schema, "cdc_events_cleanup", events, "(processed_at) WHERE processed_at IS NOT NULL"),
        "CREATE TABLE IF NOT EXISTS "
            + sources
            + " (source_id text PRIMARY KEY,"
            + " commit_lsn pg_lsn NOT NULL, event_index bigint NOT NULL,"
            + " updated_at timestamptz NOT NULL DEFAULT now())",
        "CREATE TABLE IF NOT EXISTS "
            + dead
            + " (event_id bigint PRIMARY KEY, "
            + columns
            + ", error text NOT NULL, failed_at timestamptz NOT NULL DEFAULT now())");
  }

  String copy() {
    return "COPY "
        + events
        + " (source_id, schema_name, table_name, operation, lsn,"
        + " transaction_id, key_columns, before_data, after_data, event_time, metadata)"
        + " FROM STDIN";
  }

  String claim() {
    return "SELECT id, before_data::text, after_data::text, metadata::text FROM "
        + events
        + " WHERE source_id = ? AND processed_at IS NULL ORDER BY id LIMIT ?"
        + " FOR UPDATE SKIP LOCKED";
  }

  String markProcessed() {
    return "UPDATE " + events + " SET processed_at = now() WHERE id = ANY (?)";
  }

  String deadLetter() {
    return "INSERT INTO "
        + dead
        + " SELECT id, source_id, schema_name, table_name, operation,"
        + " lsn, transaction_id, key_columns, before_data, after_data, event_time, metadata, ?"
        + " FROM "
        + events
        + " WHERE id = ANY (?) ON CONFLICT (event_id) DO NOTHING";
  }

  String cleanup() {
    return "DELETE FROM "
        + events
        + " WHERE processed_at IS NOT NULL"
        + " AND processed_at < now() - make_interval(secs => ?)";
  }

  String status() {
    return "SELECT count(*) FILTER (WHERE processed_at IS NULL),"
        + " coalesce((extract(epoch FROM now() - min(created_at) FILTER"
        + " (WHERE processed_at IS NULL)) * 1000)::int8, 0),"
        + " count(*) FILTER (WHERE processed_at IS NOT NULL),"
        + " (SELECT count(*) FROM "
        + dead
        + ") FROM "
        + events;
  }

  /** The source's last buffered {commit LSN, event index}, locked until the transaction ends. */
  /** What the source buffered so far (commit LSN and event index only), locked. */
  Position lockSource(Connection connection, String sourceId) throws SQLException {
    String sql =
        "SELECT (commit_lsn - '0/0')::int8, event_index FROM "
            + sources
            + " WHERE source_id = ? FOR UPDATE";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setString(1, sourceId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? new Position(rs.getLong(1), rs.getInt(2), 0, false) : Position.NONE;
      }
    }
  }

  void saveSource(Connection connection, String sourceId, Position position) throws SQLException {
    String sql =
        "INSERT INTO "
            + sources
            + " (source_id, commit_lsn, event_index)"
            + " VALUES (?, '0/0'::pg_lsn + ?::numeric, ?) ON CONFLICT (source_id) DO UPDATE"
            + " SET commit_lsn = EXCLUDED.commit_lsn, event_index = EXCLUDED.event_index,"
            + " updated_at = now()";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setString(1, sourceId);
      s.setLong(2, position.commitLsn());
      s.setInt(3, position.eventIndex());
      s.executeUpdate();
    }
  }
}
