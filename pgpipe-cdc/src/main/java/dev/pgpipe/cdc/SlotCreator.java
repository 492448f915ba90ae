package dev.pgpipe.cdc;

import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.client.Identifier;
import dev.pgpipe.client.PgException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * Creates a pgoutput slot with {@code CREATE_REPLICATION_SLOT} on a replication connection,
 * optionally exporting its snapshot. The exported snapshot lives only while that connection stays
 * open and runs nothing else, so the caller keeps it open until every snapshot reader imported it.
 */
final class SlotCreator {

  /** Where streaming starts, and the snapshot name to import (null when not exported). */
  record Created(long consistentPoint, @Nullable String snapshotName) {}

  private SlotCreator() {}

  static Created create(Connection replication, String slot, boolean export, int serverVersion) {
    String sql =
        "CREATE_REPLICATION_SLOT "
            + Identifier.quote(slot)
            + " LOGICAL pgoutput"
            + (serverVersion >= 150000
                ? (export ? " (SNAPSHOT 'export')" : " (SNAPSHOT 'nothing')")
                : (export ? " EXPORT_SNAPSHOT" : " NOEXPORT_SNAPSHOT"));
    try (Statement statement = replication.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      long consistentPoint = Lsn.parse(rs.getString("consistent_point"));
      return new Created(consistentPoint, export ? rs.getString("snapshot_name") : null);
    } catch (SQLException e) {
      throw PgException.from(e, "cannot create replication slot " + slot);
    }
  }
}
