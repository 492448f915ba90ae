package dev.pgpipe.cli.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The embedded PostgreSQL 17 server of the command line: persistent, on a fixed port, shared.
 *
 * <p>{@link #startOrReuse} either finds a server already running on the data directory (its {@code
 * postmaster.pid} names a live process and its port accepts connections) and reuses it, or starts
 * one with zonky's binaries: initialised on first use ({@code initdb}, superuser {@code postgres},
 * no password, local connections only), kept between runs, configured for logical replication
 * ({@code wal_level=logical}, replication slots and WAL senders), with {@code fsync} and {@code
 * synchronous_commit} on since the data is meant to last, and with {@code pg_stat_statements}
 * loaded (its view needs {@code CREATE EXTENSION pg_stat_statements} in a database; {@code bench
 * replicate} counts the statements a target receives with it). Its log goes to {@link #logFile()}.
 *
 * <p>A server this process started is stopped by {@link #close()}, or when the JVM exits; a reused
 * one is left running for its owner. Starting is serialised by a lock file beside the data
 * directory, so two {@code pgpipe} processes started together share one server. Thread-safe.
 */
public final class EmbeddedServer implements AutoCloseable {

  /** The port a new server listens on unless told otherwise: {@value}. */
  public static final int DEFAULT_PORT = 54329;

  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
  private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

  private final Path dataDirectory;
  private final int port;
  private final @Nullable EmbeddedPostgres owned;

  private EmbeddedServer(Path dataDirectory, int port, @Nullable EmbeddedPostgres owned) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.owned = owned;
  }

  /**
   * Reuses the server running on {@code dataDirectory}, whatever its port, or starts one there on
   * {@code port}, creating and initialising the directory when needed. Blocks until the server
   * accepts connections.
   *
   * @throws IllegalStateException when a server holds the directory but does not accept
   *     connections, when {@code port} is taken by another program, or when PostgreSQL does not
   *     start (the message names the log file)
   * @throws UncheckedIOException when the directory cannot be created or locked
   */
  public static synchronized EmbeddedServer startOrReuse(Path dataDirectory, int port) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
    }
    Path directory = dataDirectory.toAbsolutePath().normalize();
    Path lockFile = sibling(directory, ".lock");
    try {
      Files.createDirectories(directory);
      try (FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = channel.lock();
        try {
          Optional<EmbeddedServer> running = running(directory);
          return running.isPresent() ? running.get() : start(directory, port);
        } finally {
          lock.release();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the embedded PostgreSQL in " + directory, e);
    }
  }

  private static Optional<EmbeddedServer> running(Path directory) {
    Optional<PostmasterPid> pid = PostmasterPid.read(directory).filter(PostmasterPid::processAlive);
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    if (!accepting(pid.get().port())) {
      throw new IllegalStateException(
          "a PostgreSQL server (pid %d, status %s) holds %s but does not accept connections on port %d; wait for it, stop it with pg_ctl, or remove %s if no such server runs"
              .formatted(
                  pid.get().pid(),
                  pid.get().status(),
                  directory,
                  pid.get().port(),
                  directory.resolve(PostmasterPid.FILE_NAME)));
    }
    return Optional.of(new EmbeddedServer(directory, pid.get().port(), null));
  }

  private static EmbeddedServer start(Path directory, int port) throws IOException {
    if (accepting(port)) {
      throw new IllegalStateException(
          "port %d is taken by another program, so the embedded PostgreSQL for %s cannot listen there; set PGPIPE_EMBEDDED_PORT to a free port"
              .formatted(port, directory));
    }
    Path log = sibling(directory, ".log");
    try {
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setPGStartupWait(STARTUP_WAIT)
              .setOutputRedirector(Redirect.appendTo(log.toFile()))
              .setErrorRedirector(Redirect.appendTo(log.toFile()))
              .setServerConfig("listen_addresses", "localhost")
              .setServerConfig("wal_level", "logical")
              .setServerConfig("max_replication_slots", "20")
              .setServerConfig("max_wal_senders", "20")
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("shared_preload_libraries", "pg_stat_statements")
              .setServerConfig("pg_stat_statements.max", "20000")
              .start();
      return new EmbeddedServer(directory, port, postgres);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "the embedded PostgreSQL did not start on port %d with data in %s: %s; see %s"
              .formatted(port, directory, e.getMessage(), log),
          e);
    }
  }

  private static boolean accepting(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Path sibling(Path directory, String suffix) {
    return directory.resolveSibling(directory.getFileName() + suffix);
  }

  /** The absolute data directory. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** The port the server listens on, on localhost. */
  public int port() {
    return port;
  }

  /** Whether this process started the server, and so stops it on {@link #close()}. */
  public boolean isOwned() {
    return owned != null;
  }

  /** Where the server's own log goes: beside the data directory, {@code <data dir>.log}. */
  public Path logFile() {
    return sibling(dataDirectory, ".log");
  }

  /** The {@code postgres} database as a JDBC URL for the superuser, who needs no password. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
  }

  /** The {@code postgres} database as a {@code postgres://} URL; it holds no secret. */
  public String url() {
    return "postgres://postgres@localhost:" + port + "/postgres";
  }

  /** The command that connects {@code psql} to this server. */
  public String psqlCommand() {
    return "psql -h localhost -p " + port + " -U postgres postgres";
  }

  /**
   * Stops the server if this process started it (waiting for it to stop); otherwise does nothing.
   */
  @Override
  public void close() {
    if (owned != null) {
      try {
        owned.close();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "the embedded PostgreSQL in " + dataDirectory + " did not stop", e);
      }
    }
  }

  @Override
  public String toString() {
    return "EmbeddedServer["
        + dataDirectory
        + ", port "
        + port
        + (owned != null ? ", owned]" : "]");
  }
}
