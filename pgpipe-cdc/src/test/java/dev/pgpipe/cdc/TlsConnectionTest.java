package dev.pgpipe.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.PgException;
import dev.pgpipe.testkit.tls.TestCertificates;
import dev.pgpipe.testkit.tls.TlsPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS to PostgreSQL, on both kinds of connection pgpipe opens: the regular pool ({@link Database})
 * and the replication connection of change capture. The server ({@code ssl=on}, TLS-only rules)
 * carries a certificate for {@code localhost} signed by a CA made at test time; the settings come
 * from {@code POSTGRES_INPUT_SSLMODE} and {@code POSTGRES_INPUT_SSLROOTCERT}.
 */
class TlsConnectionTest {

  @org.junit.jupiter.api.io.TempDir static Path directory;

  private static TestCertificates certificates;
  private static TlsPostgres server;

  /** The two ways pgpipe connects; each answers whether the session it opened uses TLS. */
  enum Kind {
    POOL(TlsConnectionTest::poolSessionUsesTls),
    REPLICATION(TlsConnectionTest::replicationSessionUsesTls);

    final Function<ConnectionSettings, Boolean> sessionUsesTls;

    Kind(Function<ConnectionSettings, Boolean> sessionUsesTls) {
      this.sessionUsesTls = sessionUsesTls;
    }
  }

  @BeforeAll
  static void startServer() {
    certificates = TestCertificates.create(directory.resolve("certs"), "localhost");
    server = TlsPostgres.start(certificates);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static ConnectionSettings settings(String host, String sslMode, @Nullable Path rootCert) {
    Map<String, String> env = new HashMap<>();
    env.put("POSTGRES_INPUT_HOST", host);
    env.put("POSTGRES_INPUT_PORT", String.valueOf(server.port()));
    env.put("POSTGRES_INPUT_USER", "postgres");
    env.put("POSTGRES_INPUT_DATABASE", "postgres");
    env.put("POSTGRES_INPUT_SSLMODE", sslMode);
    if (rootCert != null) {
      env.put("POSTGRES_INPUT_SSLROOTCERT", rootCert.toString());
    }
    return ConnectionSettings.fromEnvironment(env, "POSTGRES_INPUT");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void verifyFullWithTheRightCaConnectsOverTls(Kind kind) {
    ConnectionSettings settings = settings("localhost", "verify-full", certificates.ca());

    assertThat(kind.sessionUsesTls.apply(settings)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void requireConnectsOverTlsWithoutACa(Kind kind) {
    ConnectionSettings settings = settings("localhost", "require", null);

    assertThat(kind.sessionUsesTls.apply(settings)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void verifyFullWithTheWrongCaFailsSayingTheCaDidNotSignTheCertificate(Kind kind) {
    Path wrongCa = certificates.otherCa();
    ConnectionSettings settings = settings("localhost", "verify-full", wrongCa);

    assertThatThrownBy(() -> kind.sessionUsesTls.apply(settings))
        .isInstanceOf(PgException.class)
        .hasMessageContaining("not signed by the CA in sslrootcert " + wrongCa)
        .hasMessageNotContaining("host name");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void verifyFullByAnotherHostNameFailsSayingTheNameIsNotInTheCertificate(Kind kind) {
    ConnectionSettings settings = settings("127.0.0.1", "verify-full", certificates.ca());

    assertThatThrownBy(() -> kind.sessionUsesTls.apply(settings))
        .isInstanceOf(PgException.class)
        .hasMessageContaining("does not name the host name 127.0.0.1")
        .hasMessageNotContaining("not signed by");
  }

  private static boolean poolSessionUsesTls(ConnectionSettings settings) {
    try (Database database =
        Database.builder()
            .settings(settings)
            .maxSize(1)
            .acquisitionTimeout(Duration.ofSeconds(10))
            .open()) {
      return database
          .sql("select ssl from pg_stat_ssl where pid = pg_backend_pid()")
          .scalar(Boolean.class);
    }
  }

  private static boolean replicationSessionUsesTls(ConnectionSettings settings) {
    try (Connection connection = Connections.replication(settings, null);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()")) {
      rows.next();
      return rows.getBoolean(1);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}
