package dev.pgpipe.sink;

import dev.pgpipe.client.PgException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Truncates: the source's, as it did them, and the emptying pgpipe does itself. Stateless. */
final class Truncates {

  private Truncates() {}

  static void run(Connection connection, Step.Truncate step) throws SQLException {
    List<String> names = step.tables().stream().map(TargetTable::qualified).toList();
    try (Statement s = connection.createStatement()) {
      s.execute(
          "TRUNCATE "
              + String.join(", ", names)
              + (step.restartIdentity() ? " RESTART IDENTITY" : ""));
    }
  }

  /**
   * Empties one target table for a reason of pgpipe's own: a sink reset, a snapshot taken again.
   *
   * @param purpose what the emptying is for, appended to the error ({@code " for ..."})
   * @throws PgException naming the table and the purpose when the target refuses
   */
  static void empty(Connection connection, TargetTable table, String purpose) {
    try (Statement s = connection.createStatement()) {
      s.execute("TRUNCATE " + table.qualified());
    } catch (SQLException e) {
      throw PgException.from(e, "cannot empty " + table.label() + purpose);
    }
  }
}
