package dev.pgpipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passwords from files instead of command lines: {@code POSTGRES_*_PASSWORD_FILE}, and the driver's
 * {@code .pgpass} look-up when no password is configured, against a role that must log in with
 * SCRAM on the real server; and the TLS variables.
 */
@WithPostgres
class SecretSourcesTest {

  private static final String PASSWORD = "file-secret-42";

  private static TestDatabase database;

  @TempDir Path directory;

  @BeforeAll
  static void createRole(TestDatabase testDatabase) {
    database = testDatabase;
    testDatabase.execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'file_user') THEN"
            + " CREATE ROLE file_user LOGIN PASSWORD '"
            + PASSWORD
            + "'; END IF; END $$",
        "GRANT ALL ON DATABASE " + testDatabase.name() + " TO file_user");
  }

  private Map<String, String> outputVariables(String passwordVariable, String value) {
    return Map.of(
        "POSTGRES_OUTPUT_HOST",
        "localhost",
        "POSTGRES_OUTPUT_PORT",
        String.valueOf(database.port()),
        "POSTGRES_OUTPUT_DATABASE",
        database.name(),
        "POSTGRES_OUTPUT_USER",
        "file_user",
        passwordVariable,
        value);
  }

  private static String currentUser(ConnectionSettings settings) {
    try (Database db =
        Database.builder()
            .settings(settings)
            .maxSize(1)
            .acquisitionTimeout(Duration.ofSeconds(10))
            .open()) {
      return db.sql("SELECT current_user").scalar(String.class);
    }
  }

  @Test
  void passwordFileLogsIn() throws Exception {
    Path file = Files.writeString(directory.resolve("password"), PASSWORD + "\n");

    ConnectionSettings settings =
        ConnectionSettings.fromEnvironment(
            outputVariables("POSTGRES_OUTPUT_PASSWORD_FILE", file.toString()), "POSTGRES_OUTPUT");

    assertThat(settings.password()).isEqualTo(PASSWORD);
    assertThat(currentUser(settings)).isEqualTo("file_user");
  }

  @Test
  void withoutAPasswordTheDriverReadsThePgpassFile() throws Exception {
    Path pgpass =
        Files.writeString(
            directory.resolve("pgpass"),
            "otherhost:*:*:file_user:wrong\nlocalhost:"
                + database.port()
                + ":*:file_user:"
                + PASSWORD
                + "\n");
    String property = "org.postgresql.pgpassfile"; // the driver's spelling of PGPASSFILE
    String previous = System.getProperty(property);
    System.setProperty(property, pgpass.toString());
    try {
      ConnectionSettings settings =
          ConnectionSettings.fromEnvironment(
              outputVariables("POSTGRES_OUTPUT_SSLMODE", "disable"), "POSTGRES_OUTPUT");

      assertThat(settings.password()).isEmpty();
      assertThat(currentUser(settings)).isEqualTo("file_user");
    } finally {
      if (previous == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, previous);
      }
    }
  }

  @Test
  void passwordAndPasswordFileTogetherAreRefused() throws Exception {
    Path file = Files.writeString(directory.resolve("password"), PASSWORD);
    Map<String, String> env =
        Map.of(
            "POSTGRES_INPUT_PASSWORD",
            "typed-secret",
            "POSTGRES_INPUT_PASSWORD_FILE",
            file.toString());

    assertThatThrownBy(() -> ConnectionSettings.fromEnvironment(env, "POSTGRES_INPUT"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "both POSTGRES_INPUT_PASSWORD and POSTGRES_INPUT_PASSWORD_FILE are set: keep only one");
  }

  @Test
  void unreadableOrEmptyPasswordFilesAreNamedWithoutContent() throws Exception {
    Path missing = directory.resolve("missing");
    Path empty = Files.writeString(directory.resolve("empty"), " \n");

    assertThatThrownBy(
            () ->
                ConnectionSettings.fromEnvironment(
                    Map.of("POSTGRES_INPUT_PASSWORD_FILE", missing.toString()), "POSTGRES_INPUT"))
        .hasMessageStartingWith("POSTGRES_INPUT_PASSWORD_FILE names " + missing)
        .hasMessageContaining("cannot be read");
    assertThatThrownBy(
            () ->
                ConnectionSettings.fromEnvironment(
                    Map.of("POSTGRES_OUTPUT_PASSWORD_FILE", empty.toString()), "POSTGRES_OUTPUT"))
        .hasMessage(
            "POSTGRES_OUTPUT_PASSWORD_FILE names "
                + empty
                + ", which is empty: write the secret into it");
  }

  @Test
  void aFileLargerThanASecretIsRefused() throws Exception {
    Path big = Files.write(directory.resolve("big"), new byte[(int) SecretFile.MAX_BYTES + 1]);
    Path limit =
        Files.writeString(directory.resolve("limit"), "x".repeat((int) SecretFile.MAX_BYTES));

    assertThatThrownBy(() -> SecretFile.read(big, "X_FILE"))
        .hasMessageContaining("has " + (SecretFile.MAX_BYTES + 1) + " bytes");
    assertThat(SecretFile.read(limit, "X_FILE")).hasSize((int) SecretFile.MAX_BYTES);
  }

  @Test
  void sslVariablesBecomeDriverParametersPrefixedOnesWinning() {
    Map<String, String> env =
        Map.of(
            "PGSSLMODE", "require",
            "PGSSLROOTCERT", "/etc/ca.pem",
            "POSTGRES_INPUT_SSLMODE", "verify-full",
            "POSTGRES_INPUT_SSLROOTCERT", "/run/secrets/source-ca.pem");

    assertThat(ConnectionSettings.fromEnvironment(env, "POSTGRES_INPUT").parameters())
        .isEqualTo(Map.of("sslmode", "verify-full", "sslrootcert", "/run/secrets/source-ca.pem"));
    assertThat(ConnectionSettings.fromEnvironment(env, "POSTGRES_OUTPUT").parameters())
        .isEqualTo(Map.of("sslmode", "require", "sslrootcert", "/etc/ca.pem"));
  }
}
