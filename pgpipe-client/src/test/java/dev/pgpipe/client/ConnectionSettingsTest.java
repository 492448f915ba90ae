package dev.pgpipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionSettingsTest {

  @Test
  void parsesPostgresUrlWithCredentialsAndLibpqParameters() {
    ConnectionSettings settings =
        ConnectionSettings.parse(
            "postgres://app:p%40ss@db.example:6543/shop?sslmode=require&connect_timeout=3");

    assertThat(settings.host()).isEqualTo("db.example");
    assertThat(settings.port()).isEqualTo(6543);
    assertThat(settings.database()).isEqualTo("shop");
    assertThat(settings.user()).isEqualTo("app");
    assertThat(settings.password()).isEqualTo("p@ss");
    assertThat(settings.parameters())
        .containsEntry("sslmode", "require")
        .containsEntry("connectTimeout", "3");
    assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/shop");
  }

  @Test
  void parsesJdbcUrlWithCredentialsInTheQuery() {
    ConnectionSettings settings =
        ConnectionSettings.parse("jdbc:postgresql://localhost/orders?user=u&password=pw");

    assertThat(settings.port()).isEqualTo(5432);
    assertThat(settings.user()).isEqualTo("u");
    assertThat(settings.password()).isEqualTo("pw");
    assertThat(settings.parameters()).doesNotContainKeys("user", "password");
  }

  @Test
  void databaseDefaultsToTheUserName() {
    assertThat(ConnectionSettings.parse("postgresql://alice@h").database()).isEqualTo("alice");
  }

  @Test
  void readsTheStandardPgVariables() {
    ConnectionSettings settings =
        ConnectionSettings.fromEnvironment(
            Map.of(
                "PGHOST", "pg.internal",
                "PGPORT", "5555",
                "PGUSER", "etl",
                "PGPASSWORD", "hunter2",
                "PGDATABASE", "warehouse",
                "PGSSLMODE", "verify-full"));

    assertThat(settings)
        .extracting("host", "port", "user", "password", "database")
        .containsExactly("pg.internal", 5555, "etl", "hunter2", "warehouse");
    assertThat(settings.parameters()).containsEntry("sslmode", "verify-full");
  }

  @Test
  void badPortVariableIsNamedInTheError() {
    assertThatThrownBy(() -> ConnectionSettings.fromEnvironment(Map.of("PGPORT", "fifty")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PGPORT")
        .hasMessageContaining("fifty");
  }

  @Test
  void prefixedVariablesWinOverTheLibpqOnes() {
    ConnectionSettings settings =
        ConnectionSettings.fromEnvironment(
            Map.of(
                "POSTGRES_INPUT_HOST", " src.example ",
                "POSTGRES_INPUT_PORT", "6000",
                "POSTGRES_INPUT_DATABASE", "shop",
                "POSTGRES_INPUT_USER", "cdc",
                "POSTGRES_INPUT_PASSWORD", "s3cret\n",
                "PGHOST", "pg.internal",
                "PGUSER", "etl",
                "PGSSLMODE", "require",
                "POSTGRES_OUTPUT_HOST", "other"),
            "POSTGRES_INPUT");

    assertThat(settings)
        .isEqualTo(
            new ConnectionSettings(
                "src.example", 6000, "shop", "cdc", "s3cret", Map.of("sslmode", "require")));
  }

  @Test
  void unsetOrBlankPrefixedVariablesFallBackToLibpqThenItsDefaults() {
    ConnectionSettings settings =
        ConnectionSettings.fromEnvironment(
            Map.of(
                "POSTGRES_OUTPUT_HOST", "  ",
                "PGHOST", "pg.internal",
                "PGPORT", "5555",
                "PGUSER", "etl",
                "PGPASSWORD", "hunter2"),
            "POSTGRES_OUTPUT");

    assertThat(settings)
        .isEqualTo(new ConnectionSettings("pg.internal", 5555, "etl", "etl", "hunter2", Map.of()));
    assertThat(ConnectionSettings.fromEnvironment(Map.of("PGUSER", "u"), "POSTGRES_INPUT"))
        .isEqualTo(new ConnectionSettings("localhost", 5432, "u", "u", "", Map.of()));
  }

  @Test
  void badPrefixedPortIsNamedInTheErrorWithoutThePassword() {
    for (String port : new String[] {"x", "0", "70000"}) {
      assertThatThrownBy(
              () ->
                  ConnectionSettings.fromEnvironment(
                      Map.of("POSTGRES_OUTPUT_PORT", port, "POSTGRES_OUTPUT_PASSWORD", "s3cret"),
                      "POSTGRES_OUTPUT"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("POSTGRES_OUTPUT_PORT is not a port number (1..65535): " + port)
          .hasMessageNotContaining("s3cret");
    }
  }

  @Test
  void prefixIsGivenWithoutItsTrailingUnderscore() {
    assertThatThrownBy(() -> ConnectionSettings.fromEnvironment(Map.of(), "POSTGRES_INPUT_"))
        .hasMessageContaining("without the trailing underscore");
    assertThatThrownBy(() -> ConnectionSettings.fromEnvironment(Map.of(), " "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void prefixedSettingsNeverShowThePassword() {
    ConnectionSettings settings =
        ConnectionSettings.fromEnvironment(
            Map.of("POSTGRES_INPUT_HOST", "h", "POSTGRES_INPUT_PASSWORD", "topsecret"),
            "POSTGRES_INPUT");

    assertThat(settings.toString()).doesNotContain("topsecret").contains(":***@h:5432/");
  }

  @Test
  void rejectsUrlsThatAreNotPostgresWithoutShowingThePassword() {
    assertThatThrownBy(() -> ConnectionSettings.parse("mysql://root:topsecret@h/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("postgres://")
        .hasMessageContaining("root:***@h")
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> ConnectionSettings.parse("postgres://u:topsecret@/db"))
        .hasMessageContaining("no host")
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> ConnectionSettings.parse("postgres://u:topsecret@h:99999/db"))
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void toStringNeverShowsThePassword() {
    ConnectionSettings settings = ConnectionSettings.parse("postgres://u:topsecret@h:1/d");

    assertThat(settings.toString()).doesNotContain("topsecret").contains("u:***@h:1/d");
  }

  @Test
  void redactsPasswordsInBothUrlForms() {
    assertThat(ConnectionSettings.redact("postgres://u:s3cret@h/d"))
        .isEqualTo("postgres://u:***@h/d");
    assertThat(ConnectionSettings.redact("jdbc:postgresql://h/d?user=u&password=s3cret&x=1"))
        .isEqualTo("jdbc:postgresql://h/d?user=u&password=***&x=1");
  }
}
