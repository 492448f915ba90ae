package dev.pgpipe.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Runs statements without parameters in one round trip. Stateless. */
final class Statements {

  private Statements() {}

  /**
   * Sends the statements together and returns each one's row count, in order; the first that fails
   * throws and the rest do not run.
   */
  static int[] run(Connection connection, List<String> statements) throws SQLException {
    int[] counts = new int[statements.size()];
    try (Statement s = connection.createStatement()) {
      boolean rows = s.execute(String.join(";\n", statements));
      for (int i = 0; i < counts.length; i++) {
        if (rows) {
          s.getResultSet().close();
        }
        counts[i] = rows ? 0 : s.getUpdateCount();
        rows = s.getMoreResults();
      }
    }
    return counts;
  }
}
