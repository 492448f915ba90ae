package dev.pgpipe.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * pgpipe's own tables in the target keep their rows per source ({@code source_id}): the ledger, the
 * snapshots that filled tables, a retake. Forgetting a source deletes its rows, in the caller's
 * transaction. Stateless.
 */
final class SourceRows {

  private SourceRows() {}

  /** Deletes the rows of {@code sourceId} from {@code table} (a quoted, qualified name). */
  static void delete(Connection connection, String table, String sourceId) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement("DELETE FROM " + table + " WHERE source_id = ?")) {
      s.setString(1, sourceId);
      s.executeUpdate();
    }
  }
}
