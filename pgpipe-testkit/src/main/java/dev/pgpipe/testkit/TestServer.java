package dev.pgpipe.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The one PostgreSQL server of a test JVM.
 *
 * <p>By default an embedded PostgreSQL 17 started on first use, on a free loopback port, configured
 * for logical replication ({@code wal_level=logical}, slots and senders enabled, {@code
 * synchronous_commit=on}) and stopped when the JVM exits. Its superuser {@code postgres} needs no
 * password; roles created by tests log in with SCRAM passwords, so authentication is real. When the
 * environment variable (or system property) {@code PGPIPE_TEST_URL} holds a {@code
 * postgres://user:pass@host:port/db} URL, that server is used instead; its user must be allowed to
 * create databases. Thread-safe.
 */
public final class TestServer {

  private static final String URL_VARIABLE = "PGPIPE_TEST_URL";
  private static @Nullable TestServer instance;

  /** The superuser {@code postgres} logs in without a password; every other role needs one. */
  private static final String HBA =
      """
      local all postgres trust
      host all postgres 127.0.0.1/32 trust
      host all postgres ::1/128 trust
      host replication postgres 127.0.0.1/32 trust
      host replication postgres ::1/128 trust
      local all all scram-sha-256
      host all all 127.0.0.1/32 scram-sha-256
      host all all ::1/128 scram-sha-256
      host replication all 127.0.0.1/32 scram-sha-256
      host replication all ::1/128 scram-sha-256
      """;

  private final TestDatabase admin;
  private final @Nullable EmbeddedPostgres embedded;

  private TestServer(TestDatabase admin, @Nullable EmbeddedPostgres embedded) {
    this.admin = admin;
    this.embedded = embedded;
  }

  /** The server of this JVM, started on the first call. */
  public static synchronized TestServer get() {
    if (instance == null) {
      String url = System.getProperty(URL_VARIABLE, System.getenv(URL_VARIABLE));
      instance = url == null || url.isBlank() ? startEmbedded() : external(url);
    }
    return instance;
  }

  /** The administrative database ({@code postgres} on the embedded server). */
  public TestDatabase admin() {
    return admin;
  }

  /** Whether this is the embedded server (false when {@code PGPIPE_TEST_URL} is set). */
  public boolean isEmbedded() {
    return embedded != null;
  }

  /** Creates a fresh, empty database, dropping a leftover of the same name first. */
  public TestDatabase createDatabase(String name) {
    String quoted = quote(name);
    execute("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)", "CREATE DATABASE " + quoted);
    return new TestDatabase(admin.host(), admin.port(), name, admin.user(), admin.password());
  }

  /** Drops a database, closing its remaining connections and its replication slots first. */
  public void dropDatabase(String name) {
    execute(
        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = '"
            + name.replace("'", "''")
            + "' AND NOT active",
        "DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
  }

  private void execute(String... statements) {
    try (Connection connection = admin.connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("test server refused: " + e.getMessage(), e);
    }
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static TestServer startEmbedded() {
    try {
      Path dataDirectory = Files.createTempDirectory("pgpipe-test-pg");
      Path hbaFile =
          Files.writeString(
              dataDirectory.resolveSibling(dataDirectory.getFileName() + ".hba.conf"), HBA);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(true)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("wal_level", "logical")
              .setServerConfig("max_replication_slots", "40")
              .setServerConfig("max_wal_senders", "40")
              .setServerConfig("max_connections", "300")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("fsync", "off")
              .setServerConfig("full_page_writes", "off")
              .setServerConfig("timezone", "UTC")
              .setServerConfig("hba_file", hbaFile.toString())
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres)));
      TestDatabase admin =
          new TestDatabase("localhost", postgres.getPort(), "postgres", "postgres", "");
      return new TestServer(admin, postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
    }
  }

  private static void closeQuietly(EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException e) {
      System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
    }
  }

  private static TestServer external(String url) {
    URI uri = URI.create(url);
    String userInfo = uri.getRawUserInfo() == null ? "postgres" : uri.getRawUserInfo();
    int colon = userInfo.indexOf(':');
    String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
    String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
    String path =
        uri.getPath() == null || uri.getPath().length() <= 1 ? "/postgres" : uri.getPath();
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String host = uri.getHost() == null ? "localhost" : uri.getHost();
    return new TestServer(new TestDatabase(host, port, path.substring(1), user, password), null);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
