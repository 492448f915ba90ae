package dev.pgpipe.cli.spi;

import dev.pgpipe.cli.embedded.EmbeddedServer;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The database a command works on, as chosen by {@link DatabaseOptions}, and the embedded server
 * behind it when there is one.
 *
 * <p>Open it in try-with-resources around the {@link Database} it opens: {@link #close()} stops an
 * embedded server this process started. {@link #toString()} leaves the password out.
 */
public final class DatabaseTarget implements AutoCloseable {

  private final ConnectionSettings settings;
  private final String source;
  private final @Nullable EmbeddedServer server;

  DatabaseTarget(ConnectionSettings settings, String source, @Nullable EmbeddedServer server) {
    this.settings = settings;
    this.source = source;
    this.server = server;
  }

  /** Opens a connection pool of at most {@code maxConnections} on the target. */
  public Database open(int maxConnections) {
    return Database.builder().settings(settings).maxSize(maxConnections).name("pgpipe-cli").open();
  }

  /** Opens a small connection pool on the target. */
  public Database open() {
    return open(4);
  }

  /** How the target was chosen: {@code --url}, {@code PGPIPE_URL}, ... or {@code embedded}. */
  public String source() {
    return source;
  }

  /** The connection settings (their {@code toString()} hides the password). */
  public ConnectionSettings settings() {
    return settings;
  }

  /** The embedded server, when no database was named. */
  public Optional<EmbeddedServer> embeddedServer() {
    return Optional.ofNullable(server);
  }

  /** Stops the embedded server if this process started it. */
  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  public String toString() {
    return "DatabaseTarget[" + settings + " from " + source + "]";
  }
}
