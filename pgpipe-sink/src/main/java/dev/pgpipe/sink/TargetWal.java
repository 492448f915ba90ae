package dev.pgpipe.sink;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The target's WAL as one server session read it: where the next record goes ({@code insertLsn}),
 * how far the WAL is flushed ({@code flushLsn}), which session read it ({@code session}: its
 * process id and start time), and the source's ledger position at that moment.
 *
 * <p>A commit that returned before the reading ended at or before {@code insertLsn}; once a later
 * reading by the same session shows {@code flushLsn} at or past it, the commit survives a crash of
 * the target. A crash ends every session, so a reading by another session may come from after a
 * crash that undid the commit, and then only the ledger tells whether it is still there.
 */
public record TargetWal(long insertLsn, long flushLsn, String session, Position ledger) {

  private static final String SQL =
      "SELECT (pg_current_wal_insert_lsn() - '0/0')::int8, (pg_current_wal_flush_lsn() - '0/0')::int8,"
          + " pg_backend_pid() || '@' || (SELECT backend_start FROM pg_stat_activity"
          + " WHERE pid = pg_backend_pid())";

  static TargetWal read(Connection connection, PositionLedger ledger, String sourceId)
      throws SQLException {
    Position position = ledger.read(connection, sourceId);
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(SQL)) {
      rs.next();
      return new TargetWal(rs.getLong(1), rs.getLong(2), rs.getString(3), position);
    }
  }
}
