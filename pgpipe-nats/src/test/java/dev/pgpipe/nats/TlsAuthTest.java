package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.client.Ticker;
import dev.pgpipe.testkit.nats.NatsServer;
import dev.pgpipe.testkit.tls.TestCertificates;
import io.nats.client.Connection;
import io.nats.client.NKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NATS over TLS (a CA made at test time, given as {@code NATS_CA}) with NKey authentication (the
 * seed in a file, {@code NATS_NKEY}) or a user whose password is in a file ({@code
 * NATS_PASSWORD_FILE}), against a real {@code nats-server} that requires both.
 */
class TlsAuthTest {

  @TempDir static Path directory;

  private static TestCertificates certificates;
  private static NatsServer server;
  private static Path seedFile;
  private static Path passwordFile;

  @BeforeAll
  static void startServer() throws Exception {
    certificates = TestCertificates.create(directory.resolve("certs"), "localhost");
    NKey user = NKey.createUser(null);
    seedFile = Files.writeString(directory.resolve("user.nk"), new String(user.getSeed()) + "\n");
    passwordFile = Files.writeString(directory.resolve("password"), "s3cret-nats-pw\n");
    Path config =
        Files.writeString(
            directory.resolve("server.conf"),
            """
            tls {
              cert_file: "%s"
              key_file: "%s"
            }
            authorization {
              users: [
                { nkey: "%s" }
                { user: "pgpipe", password: "s3cret-nats-pw" }
              ]
            }
            """
                .formatted(
                    certificates.serverCertificate(),
                    certificates.serverKey(),
                    new String(user.getPublicKey())),
            StandardCharsets.UTF_8);
    server = NatsServer.start("-c", config.toString());
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static String tlsUrl() {
    return "tls://localhost:" + server.port();
  }

  private static Connection connect(Map<String, String> env) {
    NatsSettings settings =
        NatsSettings.fromEnvironment(env)
            .maxReconnects(0)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    return NatsConnections.connect(
        settings, new NatsConnections.ConnectionEvents("test", "testing", Ticker.SYSTEM));
  }

  @Test
  void connectsOverTlsWithTheNkeySeedFile() throws Exception {
    Map<String, String> env =
        Map.of(
            "NATS_URL",
            tlsUrl(),
            "NATS_CA",
            certificates.ca().toString(),
            "NATS_NKEY",
            seedFile + "");

    try (Connection connection = connect(env)) {
      assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
      assertThat(
              connection.getServerInfo().isTLSRequired()
                  || connection.getServerInfo().isTLSAvailable())
          .isTrue();
    }
  }

  @Test
  void connectsOverTlsWithAPasswordFile() throws Exception {
    Map<String, String> env =
        Map.of(
            "NATS_URL", tlsUrl(),
            "NATS_CA", certificates.ca().toString(),
            "NATS_USER", "pgpipe",
            "NATS_PASSWORD_FILE", passwordFile.toString());

    try (Connection connection = connect(env)) {
      assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }
  }

  @Test
  void aWrongNkeyFailsSayingTheCredentialsWereRefused() throws Exception {
    Path otherSeed =
        Files.writeString(
            directory.resolve("other.nk"), new String(NKey.createUser(null).getSeed()));
    Map<String, String> env =
        Map.of(
            "NATS_URL",
            tlsUrl(),
            "NATS_CA",
            certificates.ca().toString(),
            "NATS_NKEY",
            otherSeed + "");

    assertThatThrownBy(() -> connect(env).close())
        .isInstanceOf(NatsTransportException.class)
        .hasMessageContaining("refused the credentials (NKey seed file " + otherSeed + ")")
        .hasMessageNotContaining(Files.readString(otherSeed));
  }

  @Test
  void aWrongPasswordFailsWithoutShowingIt() throws Exception {
    Path wrong = Files.writeString(directory.resolve("wrong"), "not-the-password-xyz");
    Map<String, String> env =
        Map.of(
            "NATS_URL", tlsUrl(),
            "NATS_CA", certificates.ca().toString(),
            "NATS_USER", "pgpipe",
            "NATS_PASSWORD_FILE", wrong.toString());

    assertThatThrownBy(() -> connect(env).close())
        .isInstanceOf(NatsTransportException.class)
        .hasMessageContaining("refused the credentials (user pgpipe (password hidden))")
        .hasMessageNotContaining("not-the-password-xyz");
  }

  @Test
  void aCaThatDidNotSignTheServerCertificateFailsTheConnection() {
    Map<String, String> env =
        Map.of(
            "NATS_URL",
            tlsUrl(),
            "NATS_CA",
            certificates.otherCa().toString(),
            "NATS_NKEY",
            seedFile + "");

    assertThatThrownBy(() -> connect(env).close())
        .isInstanceOf(NatsTransportException.class)
        .hasMessageContaining("cannot connect to NATS at [" + tlsUrl() + "]")
        .hasMessageContaining(
            "the server's certificate is not signed by a CA in NATS_CA " + certificates.otherCa());
  }
}
