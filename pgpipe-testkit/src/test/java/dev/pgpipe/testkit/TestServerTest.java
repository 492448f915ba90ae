package dev.pgpipe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@WithPostgres
class TestServerTest {

  @Test
  void givesEachClassAFreshDatabaseConfiguredForLogicalReplication(TestDatabase database)
      throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      assertThat(value(statement, "SELECT current_database()")).isEqualTo(database.name());
      assertThat(value(statement, "SHOW wal_level")).isEqualTo("logical");
      assertThat(value(statement, "SHOW synchronous_commit")).isEqualTo("on");
      assertThat(Integer.parseInt(value(statement, "SHOW max_replication_slots"))).isPositive();
      assertThat(value(statement, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
          .isEqualTo("0");
      assertThat(value(statement, "SELECT current_setting('server_version_num')")).startsWith("17");
    }
  }

  @Test
  void toStringLeavesThePasswordOut() {
    TestDatabase database = new TestDatabase("h", 1, "d", "u", "s3cret");
    assertThat(database.toString()).doesNotContain("s3cret");
    assertThat(database.url()).isEqualTo("postgres://u:s3cret@h:1/d");
  }

  private static String value(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }
}
