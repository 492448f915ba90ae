package dev.pgpipe.sink;

import dev.pgpipe.client.Identifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The LSN of the snapshot each source last took again, for {@link SnapshotGenerations}: table
 * {@code <schema>.sink_snapshot_retakes}, written in the transaction of the batch that holds the
 * retaken snapshot's first rows. A retake is recognised by those first rows (the source's tables
 * then all hold an older snapshot), and recorded when changes were applied since the older
 * snapshot; the record keeps that knowledge for the retake's later batches, whose tables first seen
 * (tables that joined after the older snapshot, filled by the stream since) must be emptied before
 * their rows too. Stateless SQL; thread-safe.
 */
final class SnapshotRetakes {

  private final String table;

  SnapshotRetakes(String schema) {
    this.table = Identifier.quote(schema, "sink_snapshot_retakes");
  }

  String createSql() {
    return "CREATE TABLE IF NOT EXISTS "
        + table
        + " (source_id text PRIMARY KEY, snapshot_lsn pg_lsn NOT NULL,"
        + " updated_at timestamptz NOT NULL DEFAULT now())";
  }

  /** Records that {@code sourceId} took its snapshot again at {@code lsn}. */
  void record(Connection connection, String sourceId, long lsn) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "INSERT INTO "
                + table
                + " (source_id, snapshot_lsn) VALUES (?, '0/0'::pg_lsn + ?::numeric)"
                + " ON CONFLICT (source_id) DO UPDATE"
                + " SET snapshot_lsn = EXCLUDED.snapshot_lsn, updated_at = now()")) {
      s.setString(1, sourceId);
      s.setLong(2, lsn);
      s.executeUpdate();
    }
  }

  /** Whether the snapshot at {@code lsn} is one that {@code sourceId} took again. */
  boolean isRetake(Connection connection, String sourceId, long lsn) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT 1 FROM "
                + table
                + " WHERE source_id = ? AND snapshot_lsn = '0/0'::pg_lsn + ?::numeric")) {
      s.setString(1, sourceId);
      s.setLong(2, lsn);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Forgets the source's retake: its tables were emptied and its snapshots forgotten. */
  void forget(Connection connection, String sourceId) throws SQLException {
    SourceRows.delete(connection, table, sourceId);
  }
}
