package dev.pgpipe.sink;

import dev.pgpipe.client.Identifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The target's record of what each source applied: table {@code <schema>.sink_ledger} (source id →
 * {@link Position}), read with {@code FOR UPDATE} and written in the same transaction as the data,
 * so data and position commit or vanish together.
 */
final class PositionLedger {

  private final String table;

  PositionLedger(String schema) {
    this.table = Identifier.quote(schema, "sink_ledger");
  }

  String createSql() {
    return "CREATE TABLE IF NOT EXISTS "
        + table
        + " (source_id text PRIMARY KEY, commit_lsn pg_lsn NOT NULL, event_index int NOT NULL,"
        + " end_lsn pg_lsn NOT NULL, snapshot_done bool NOT NULL,"
        + " updated_at timestamptz NOT NULL DEFAULT now())";
  }

  /** The source's position, locking its ledger row until the transaction ends. */
  Position lock(Connection connection, String sourceId) throws SQLException {
    return read(connection, sourceId, " FOR UPDATE");
  }

  Position read(Connection connection, String sourceId) throws SQLException {
    return read(connection, sourceId, "");
  }

  private Position read(Connection connection, String sourceId, String suffix) throws SQLException {
    String sql =
        "SELECT (commit_lsn - '0/0')::int8, event_index, (end_lsn - '0/0')::int8, snapshot_done"
            + " FROM "
            + table
            + " WHERE source_id = ?"
            + suffix;
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setString(1, sourceId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? new Position(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getBoolean(4))
            : Position.NONE;
      }
    }
  }

  /**
   * Whether the source has a ledger row (it applied at least one batch, snapshot rows included).
   */
  boolean exists(Connection connection, String sourceId) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement("SELECT 1 FROM " + table + " WHERE source_id = ?")) {
      s.setString(1, sourceId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Writes the source's position. Unless {@code waitForFlush}, the same statement sets the
   * transaction's COMMIT not to wait for the WAL flush ({@code synchronous_commit = off}, which
   * counts at COMMIT), sparing the round trip of a {@code SET LOCAL}; the batch's statements before
   * it see the session's setting.
   */
  void write(Connection connection, String sourceId, Position position, boolean waitForFlush)
      throws SQLException {
    String sql =
        "INSERT INTO "
            + table
            + " AS l (source_id, commit_lsn, event_index, end_lsn, snapshot_done)"
            + " SELECT ?, '0/0'::pg_lsn + ?::numeric, ?, '0/0'::pg_lsn + ?::numeric, ?"
            + (waitForFlush
                ? ""
                : " FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous")
            + " ON CONFLICT (source_id) DO UPDATE SET commit_lsn = EXCLUDED.commit_lsn,"
            + " event_index = EXCLUDED.event_index, end_lsn = EXCLUDED.end_lsn,"
            + " snapshot_done = EXCLUDED.snapshot_done, updated_at = now()";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setString(1, sourceId);
      s.setLong(2, position.commitLsn());
      s.setInt(3, position.eventIndex());
      s.setLong(4, position.endLsn());
      s.setBoolean(5, position.snapshotDone());
      s.executeUpdate();
    }
  }

  /** Forgets a source (its next run starts from nothing). */
  void delete(Connection connection, String sourceId) throws SQLException {
    SourceRows.delete(connection, table, sourceId);
  }
}
