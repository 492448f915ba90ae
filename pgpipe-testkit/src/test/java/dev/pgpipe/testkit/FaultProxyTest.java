package dev.pgpipe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.testkit.proxy.FaultProxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;

@WithPostgres
class FaultProxyTest {

  private static Connection through(FaultProxy proxy, TestDatabase database) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", database.user());
    return DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + proxy.port() + "/" + database.name(), properties);
  }

  @Test
  void relaysUntilCutAndAcceptsNewConnectionsAfter(TestDatabase database) throws SQLException {
    try (FaultProxy proxy = FaultProxy.start("localhost", database.port())) {
      try (Connection first = through(proxy, database);
          Statement statement = first.createStatement()) {
        assertThat(statement.execute("SELECT 1")).isTrue();
        proxy.cutAll();
        assertThatThrownBy(() -> statement.execute("SELECT 1")).isInstanceOf(SQLException.class);
      }
      try (Connection second = through(proxy, database)) {
        assertThat(second.isValid(5)).isTrue();
      }
      assertThat(proxy.cuts()).isEqualTo(1);
    }
  }

  @Test
  void losesTheCommitAcknowledgementAfterTheServerCommitted(TestDatabase database)
      throws SQLException {
    database.execute("CREATE TABLE committed (id int)");
    try (FaultProxy proxy = FaultProxy.start("localhost", database.port());
        Connection connection = through(proxy, database);
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.execute("INSERT INTO committed VALUES (1)");
      proxy.cutWhenServerSends(FaultProxy.POSTGRES_COMMIT_COMPLETE);

      assertThatThrownBy(connection::commit).isInstanceOf(SQLException.class);
    }
    try (Connection direct = database.connect();
        Statement statement = direct.createStatement();
        var rows = statement.executeQuery("SELECT count(*) FROM committed")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(1);
    }
  }
}
