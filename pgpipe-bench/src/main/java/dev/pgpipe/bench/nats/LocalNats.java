package dev.pgpipe.bench.nats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A {@code nats-server -js} child process for one benchmark run: a free loopback port, a temporary
 * store, ready once it greets with {@code INFO}; {@link #close()} stops it and deletes the store.
 * The binary is {@code $NATS_SERVER}, else {@code nats-server} on the {@code PATH}, else {@code
 * /usr/bin/nats-server}. Used by {@code bench nats} and {@code bench replicate}.
 */
public final class LocalNats implements AutoCloseable {

  /** What to say when no nats-server is installed. */
  public static final String NOT_INSTALLED =
      "nats-server is not installed (looked at $NATS_SERVER, the PATH and /usr/bin);"
          + " install it with `apt-get install nats-server`";

  private static final long READY_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final Process process;
  private final Path directory;
  private final int port;

  private LocalNats(Process process, Path directory, int port) {
    this.process = process;
    this.directory = directory;
    this.port = port;
  }

  /**
   * Starts a server and waits until it accepts connections.
   *
   * @throws IllegalStateException when no nats-server is installed or it does not come up
   */
  public static LocalNats start() {
    Path binary = installed().orElseThrow(() -> new IllegalStateException(NOT_INSTALLED));
    try {
      Path directory = Files.createTempDirectory("pgpipe-bench-nats-");
      int port = freePort();
      List<String> command =
          List.of(
              binary.toString(),
              "-js",
              "-a",
              "127.0.0.1",
              "-p",
              Integer.toString(port),
              "-sd",
              directory.resolve("store").toString());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("nats-server.log").toFile())
              .start();
      LocalNats nats = new LocalNats(process, directory, port);
      nats.awaitReady();
      return nats;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
  }

  /** The nats-server binary, when one is installed. */
  public static Optional<Path> installed() {
    String configured = System.getenv("NATS_SERVER");
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    String path = System.getenv("PATH");
    Stream<String> directories =
        Stream.concat(
            path == null ? Stream.empty() : Stream.of(path.split(java.io.File.pathSeparator)),
            Stream.of("/usr/bin"));
    return directories
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, "nats-server"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** {@code nats://127.0.0.1:<port>}. */
  public String url() {
    return "nats://127.0.0.1:" + port;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_NANOS;
    while (!greets()) {
      if (!process.isAlive() || System.nanoTime() - deadline > 0) {
        close();
        throw new IllegalStateException("nats-server did not come up on port " + port);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  private boolean greets() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      socket.setSoTimeout(2_000);
      var in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String line = in.readLine();
      return line != null && line.startsWith("INFO ");
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  /** Stops the server and deletes its store. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // a temporary directory: best effort
    }
  }
}
