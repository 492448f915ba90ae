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

  private final Path dataDirectory;
  private final Path hbaFile;
  private int port;
  private @Nullable EmbeddedPostgres running;

  private EmbeddedTestPostgres(Path dataDirectory, Path hbaFile) {
    this.dataDirectory = dataDirectory;
    this.hbaFile = hbaFile;
  }

  /** Initialises a fresh cluster in a temporary directory and starts it on a free port. */
  static EmbeddedTestPostgres start() {
    try {
      Path root = Files.createTempDirectory("pgpipe-test-pg");
      Path data = Files.createDirectory(root.resolve("data"));
      Path hba = Files.writeString(root.resolve("pg_hba.conf"), HBA);
      EmbeddedTestPostgres server = new EmbeddedTestPostgres(data, hba);
      server.startOn(0);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stopAndDelete(root)));
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
      if (wantedPort != 0) {
        builder.setPort(wantedPort);
      }
      running = builder.start();
      port = running.getPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
    }
  }

  private void stopAndDelete(Path root) {
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
  }
}
