package dev.pgpipe.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Truncates, as the source did them. Stateless. */
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
}
