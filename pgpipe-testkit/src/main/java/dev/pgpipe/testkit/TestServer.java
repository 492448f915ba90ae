package dev.pgpipe.testkit;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * The one PostgreSQL server of a test JVM.
 *
 * <p>By default an embedded PostgreSQL 17 started on first use, on a free loopback port, configured
 * for logical replication ({@code wal_level=logical}, slots and senders enabled, {@code
 * synchronous_commit=on}) and stopped when the JVM exits; tests may {@link #restart()} it. Its
 * superuser {@code postgres} needs no password; roles created by tests log in with SCRAM passwords,
 * so authentication is real. When the environment variable (or system property) {@code
 * PGPIPE_TEST_URL} holds a {@code postgres://user:pass@host:port/db} URL, that server is used
 * instead; its user must be allowed to create databases. Thread-safe.
 */
public final class TestServer {

  private static final String URL_VARIABLE = "PGPIPE_TEST_URL";
  private static @Nullable TestServer instance;

  private final TestDatabase admin;
  private final @Nullable EmbeddedTestPostgres embedded;

  private TestServer(TestDatabase admin, @Nullable EmbeddedTestPostgres embedded) {
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
    return over(EmbeddedTestPostgres.start());
  }

  /** A server object for {@code postgres}, started: the shared one, or a {@link PrivateServer}. */
  static TestServer over(EmbeddedTestPostgres postgres) {
    return new TestServer(
        new TestDatabase("localhost", postgres.port(), "postgres", "postgres", ""), postgres);
  }

  /**
   * Stops the embedded server (a fast shutdown that ends every session) and starts it again on the
   * same port with the same data, for tests of clients surviving a server restart. Databases, slots
   * and committed data survive; connections do not.
   *
   * @throws IllegalStateException when the server is external ({@code PGPIPE_TEST_URL})
   */
  public void restart() {
    stop();
    start();
  }

  /**
   * Crashes the embedded server (SIGKILL to the postmaster and all its processes) and starts it
   * again on the same port; it recovers from its WAL. Unlike {@link #restart()} this does not wait
   * for replication clients to confirm what they were sent.
   */
  public void crashAndRestart() {
    requireEmbedded().crashAndRestart();
  }

  /**
   * Stops the embedded server; {@link #start()} brings it back. See {@link #restart()}: a fast
   * shutdown waits until every logical replication client has confirmed what it was sent.
   */
  public void stop() {
    requireEmbedded().stop();
  }

  /** Starts the stopped embedded server again on the same port; does nothing when it runs. */
  public void start() {
    requireEmbedded().startAgain();
  }

  private EmbeddedTestPostgres requireEmbedded() {
    EmbeddedTestPostgres server = embedded;
    if (server == null) {
      throw new IllegalStateException(
          "an external test server (PGPIPE_TEST_URL) cannot be restarted");
    }
    return server;
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
