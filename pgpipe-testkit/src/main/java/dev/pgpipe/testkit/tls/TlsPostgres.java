package dev.pgpipe.testkit.tls;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A second embedded PostgreSQL, separate from the JVM's shared test server, that accepts TCP
 * connections only over TLS ({@code ssl=on}, {@code hostssl} rules) with the given certificates.
 * The superuser {@code postgres} logs in without a password, for regular and replication
 * connections; {@code wal_level=logical}. Close it to stop it and delete its data.
 */
public final class TlsPostgres implements AutoCloseable {

  private static final String HBA =
      """
      local all all trust
      hostssl all postgres 127.0.0.1/32 trust
      hostssl all postgres ::1/128 trust
      hostssl replication postgres 127.0.0.1/32 trust
      hostssl replication postgres ::1/128 trust
      """;

  private final EmbeddedPostgres server;
  private final Path root;

  private TlsPostgres(EmbeddedPostgres server, Path root) {
    this.server = server;
    this.root = root;
  }

  /** Starts a fresh cluster in a temporary directory on a free port. */
  public static TlsPostgres start(TestCertificates certificates) {
    try {
      Path root = Files.createTempDirectory("pgpipe-tls-pg");
      Path hba = Files.writeString(root.resolve("pg_hba.conf"), HBA);
      EmbeddedPostgres server =
          EmbeddedPostgres.builder()
              .setDataDirectory(Files.createDirectory(root.resolve("data")))
              .setCleanDataDirectory(true)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("ssl", "on")
              .setServerConfig("ssl_cert_file", certificates.serverCertificate().toString())
              .setServerConfig("ssl_key_file", certificates.serverKey().toString())
              .setServerConfig("wal_level", "logical")
              .setServerConfig("fsync", "off")
              .setServerConfig("hba_file", hba.toString())
              .start();
      return new TlsPostgres(server, root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL with TLS", e);
    }
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded PostgreSQL with TLS did not stop", e);
    } finally {
      try (var files = Files.walk(root)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        System.err.println("cannot delete " + root + ": " + e.getMessage());
      }
    }
  }
}
