package dev.pgpipe.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The embedded PostgreSQL 17 of the test JVM, which a test may stop and start again on the same
 * port and data, as a real server restart. The data directory is the JVM's own (deleted when the
 * JVM exits), so zonky never deletes it on a stop. Thread-safe.
 */
final class EmbeddedTestPostgres {

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

  private final Path root;
  private final Path dataDirectory;
  private final Path hbaFile;
  private final Map<String, String> settings;
  private int port;
  private @Nullable EmbeddedPostgres running;

  /** Stops the server if this JVM dies without running its shutdown hook: {@link #startReaper}. */
  private @Nullable Process reaper;

  private EmbeddedTestPostgres(
      Path root, Path dataDirectory, Path hbaFile, Map<String, String> settings) {
    this.root = root;
    this.dataDirectory = dataDirectory;
    this.hbaFile = hbaFile;
    this.settings = Map.copyOf(settings);
  }

  /** Initialises a fresh cluster in a temporary directory and starts it on a free port. */
  static EmbeddedTestPostgres start() {
    return start(Map.of());
  }

  /**
   * {@link #start()} with server {@code settings} ({@code postgresql.conf} names and values) over
   * the defaults; {@link #close()} stops it and deletes its directory, as the JVM's exit does.
   */
  static EmbeddedTestPostgres start(Map<String, String> settings) {
    try {
      Path root = Files.createTempDirectory("pgpipe-test-pg");
      Path data = Files.createDirectory(root.resolve("data"));
      Path hba = Files.writeString(root.resolve("pg_hba.conf"), HBA);
      EmbeddedTestPostgres server = new EmbeddedTestPostgres(root, data, hba, settings);
      server.startOn(0);
      server.reaper = startReaper(data, root);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
    }
  }

  synchronized int port() {
    return port;
  }

  /** Stops the server (fast shutdown: sessions are ended); its data stays. */
  synchronized void stop() {
    EmbeddedPostgres server = running;
    running = null;
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        throw new UncheckedIOException("the embedded PostgreSQL did not stop", e);
      }
    }
  }

  /**
   * Kills the postmaster and every process under it with SIGKILL, as a crash, then starts the
   * server again on the same port; it recovers from its WAL.
   */
  synchronized void crashAndRestart() {
    long pid = postmasterPid();
    ProcessHandle postmaster =
        ProcessHandle.of(pid)
            .orElseThrow(() -> new IllegalStateException("no postmaster with pid " + pid));
    List<ProcessHandle> processes = new ArrayList<>(postmaster.descendants().toList());
    processes.add(postmaster);
    processes.forEach(ProcessHandle::destroyForcibly);
    processes.forEach(process -> process.onExit().join());
    stop(); // releases zonky's lock on the data directory; its pg_ctl stop finds no server
    startOn(port);
  }

  private long postmasterPid() {
    try {
      return Long.parseLong(
          Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read the postmaster's pid in " + dataDirectory, e);
    }
  }

  /** Starts the stopped server again on the same port with the same data. */
  synchronized void startAgain() {
    if (running == null) {
      startOn(port);
    }
  }

  private void startOn(int wantedPort) {
    try {
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("wal_level", "logical")
              .setServerConfig("max_replication_slots", "40")
              .setServerConfig("max_wal_senders", "40")
              .setServerConfig("max_connections", "300")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("fsync", "off")
              .setServerConfig("full_page_writes", "off")
              .setServerConfig("timezone", "UTC")
              .setServerConfig("hba_file", hbaFile.toString());
      settings.forEach(builder::setServerConfig);
      if (wantedPort != 0) {
        builder.setPort(wantedPort);
      }
      running = builder.start();
      port = running.getPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
    }
  }

  /**
   * Stops the server and deletes its directory once this JVM is gone, however it went. The shutdown
   * hook does that on a normal exit, but a JVM killed with SIGKILL runs no hook: pitest ends every
   * minion that way, and build tools end hung test forks so. The reaper is a shell whose standard
   * input is a pipe from this JVM; the kernel closes the pipe when the JVM exits, {@code cat}
   * returns, and the shell asks the postmaster (whatever its pid after restarts) for a fast
   * shutdown, waits for it and removes the directory. After a clean exit it finds nothing left.
   * Without a POSIX shell only the hook remains.
   */
  private static @Nullable Process startReaper(Path data, Path root) {
    String script =
        """
        cat >/dev/null
        pid=$(head -n 1 "$1/postmaster.pid" 2>/dev/null)
        if [ -n "$pid" ] && kill -INT "$pid" 2>/dev/null; then
          while kill -0 "$pid" 2>/dev/null; do sleep 1; done
        fi
        rm -rf "$2"
        """;
    try {
      return new ProcessBuilder("sh", "-c", script, "pgpipe-test-pg-reaper", data + "", root + "")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      return null;
    }
  }

  /** Stops the server and deletes its directory now; does nothing the second time. */
  synchronized void close() {
    if (!Files.exists(root)) {
      return;
    }
    try {
      stop();
    } catch (RuntimeException e) {
      System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("cannot delete " + root + ": " + e.getMessage());
    }
    Process watching = reaper;
    if (watching != null) {
      try {
        watching.getOutputStream().close(); // nothing left for it: let it end now
      } catch (IOException e) {
        watching.destroy();
      }
    }
  }
}
