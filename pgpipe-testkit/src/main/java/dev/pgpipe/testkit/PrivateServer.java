package dev.pgpipe.testkit;

import java.util.Map;

/**
 * An embedded PostgreSQL 17 of one test's own, for server settings the shared {@link TestServer}
 * must not get (a {@code synchronous_standby_names} that holds every synchronous commit, say):
 * configured like the shared one, with {@code settings} over it. Always embedded, whatever {@code
 * PGPIPE_TEST_URL} says. {@link #close()} stops it and deletes its data, as the JVM's exit does.
 * Thread-safe.
 */
public final class PrivateServer implements AutoCloseable {

  private final EmbeddedTestPostgres embedded;
  private final TestServer server;

  private PrivateServer(EmbeddedTestPostgres embedded) {
    this.embedded = embedded;
    this.server = TestServer.over(embedded);
  }

  /** Starts a fresh server with {@code settings} ({@code postgresql.conf} names and values). */
  public static PrivateServer start(Map<String, String> settings) {
    return new PrivateServer(EmbeddedTestPostgres.start(settings));
  }

  /** Creates a fresh, empty database on this server. */
  public TestDatabase createDatabase(String name) {
    return server.createDatabase(name);
  }

  /** The administrative database {@code postgres}. */
  public TestDatabase admin() {
    return server.admin();
  }

  /** Stops the server and deletes its data; does nothing the second time. */
  @Override
  public void close() {
    embedded.close();
  }
}
