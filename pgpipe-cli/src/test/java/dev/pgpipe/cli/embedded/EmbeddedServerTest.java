package dev.pgpipe.cli.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedServerTest {

  @TempDir Path temp;

  @Test
  void startsInAFreshDirectory_configuredForLogicalReplication() {
    try (EmbeddedServer server = EmbeddedServer.startOrReuse(temp.resolve("pg"), freePort())) {
      assertThat(server.isOwned()).isTrue();
      assertThat(server.dataDirectory().resolve("PG_VERSION")).content().startsWith("17");
      assertThat(query(server, "SHOW wal_level")).isEqualTo("logical");
      assertThat(query(server, "SHOW fsync")).isEqualTo("on");
      assertThat(server.psqlCommand())
          .isEqualTo("psql -h localhost -p " + server.port() + " -U postgres postgres");
    }
  }

  @Test
  void keepsDataAcrossARestart() {
    Path dataDirectory = temp.resolve("pg");
    int port = freePort();
    try (EmbeddedServer first = EmbeddedServer.startOrReuse(dataDirectory, port)) {
      execute(first, "CREATE TABLE kept (v text)", "INSERT INTO kept VALUES ('survives')");
    }
    assertThat(PostmasterPid.read(dataDirectory)).isEmpty();

    try (EmbeddedServer second = EmbeddedServer.startOrReuse(dataDirectory, port)) {
      assertThat(second.isOwned()).isTrue();
      assertThat(query(second, "SELECT v FROM kept")).isEqualTo("survives");
    }
  }

  @Test
  void reusesTheServerRunningOnTheDirectory_andLeavesItRunning() {
    Path dataDirectory = temp.resolve("pg");
    int port = freePort();
    try (EmbeddedServer owner = EmbeddedServer.startOrReuse(dataDirectory, port)) {
      String ownerPid = query(owner, "SELECT pg_postmaster_start_time()::text");

      try (EmbeddedServer guest = EmbeddedServer.startOrReuse(dataDirectory, freePort())) {
        assertThat(guest.isOwned()).isFalse();
        assertThat(guest.port()).isEqualTo(port);
        assertThat(query(guest, "SELECT pg_postmaster_start_time()::text")).isEqualTo(ownerPid);
      }

      assertThat(query(owner, "SELECT 'still up'")).isEqualTo("still up");
    }
  }

  @Test
  void refusesAPortTakenByAnotherProgram_namingTheVariableToChange() throws IOException {
    try (ServerSocket squatter = new ServerSocket(0)) {
      int port = squatter.getLocalPort();

      assertThatThrownBy(() -> EmbeddedServer.startOrReuse(temp.resolve("pg"), port))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("port " + port + " is taken")
          .hasMessageContaining("PGPIPE_EMBEDDED_PORT");
    }
  }

  @Test
  void rejectsAnImpossiblePort() {
    assertThatThrownBy(() -> EmbeddedServer.startOrReuse(temp.resolve("pg"), 70_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be between 1 and 65535: 70000");
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String query(EmbeddedServer server, String sql) {
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).as("a row from %s", sql).isTrue();
      return rows.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed on " + server, e);
    }
  }

  static void execute(EmbeddedServer server, String... statements) {
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("set-up failed on " + server, e);
    }
  }
}
