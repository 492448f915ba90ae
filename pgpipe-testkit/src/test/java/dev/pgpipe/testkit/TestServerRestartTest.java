package dev.pgpipe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@WithPostgres
class TestServerRestartTest {

  @Test
  void restartEndsSessionsAndKeepsDataAndPort(TestDatabase database) throws SQLException {
    database.execute("CREATE TABLE kept (id int)", "INSERT INTO kept VALUES (42)");
    int port = TestServer.get().admin().port();
    try (Connection before = database.connect();
        Statement statement = before.createStatement()) {
      TestServer.get().restart();

      assertThatThrownBy(() -> statement.execute("SELECT 1")).isInstanceOf(SQLException.class);
    }
    assertThat(TestServer.get().admin().port()).isEqualTo(port);
    try (Connection after = database.connect();
        Statement statement = after.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id FROM kept")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(42);
    }
  }
}
