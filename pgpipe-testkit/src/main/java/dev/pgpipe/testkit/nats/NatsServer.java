package dev.pgpipe.testkit.nats;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@code nats-server} child process with JetStream, listening on a free loopback port and storing
 * in a temporary directory, for tests.
 *
 * <pre>{@code
 * try (NatsServer nats = NatsServer.start()) {   // skips the test when nats-server is missing
 *   connect(nats.url());
 *   nats.restart();                              // same port, same store: streams survive
 * }
 * }</pre>
 *
 * <p>The binary is {@code $NATS_SERVER}, else {@code nats-server} on the {@code PATH}, else {@code
 * /usr/bin/nats-server}. {@link #start()} and {@link #restart()} return once the server accepts
 * connections (it greets with {@code INFO}); {@link #stop()} sends SIGTERM and waits for the exit,
 * {@link #kill()} sends SIGKILL. The server's log is {@link #logFile()}. Not thread-safe.
 */
public final class NatsServer implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final Path binary;
  private final Path directory;
  private final int port;
  private final List<String> extraArguments;
  private @Nullable Process process;

  private NatsServer(Path binary, Path directory, int port, List<String> extraArguments) {
    this.binary = binary;
    this.directory = directory;
    this.port = port;
    this.extraArguments = List.copyOf(extraArguments);
  }

  /**
   * Starts a server with JetStream on a free loopback port and a new temporary store.
   *
   * @throws org.opentest4j.TestAbortedException (skips the test) when nats-server is not installed
   */
  public static NatsServer start(String... extraArguments) {
    return onFreePorts(1, ports -> start(ports.get(0), extraArguments));
  }

  /**
   * {@code start} run on {@code count} distinct free ports ({@link #freePorts}), and again on new
   * ones while a port was taken before it was bound ({@link PortTakenException}), up to {@link
   * #PORT_ATTEMPTS} times.
   */
  static <T> T onFreePorts(int count, Function<List<Integer>, T> start) {
    for (int attempt = 1; ; attempt++) {
      try {
        return start.apply(freePorts(count));
      } catch (PortTakenException e) {
        if (attempt == PORT_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * Starts a server with JetStream on loopback port {@code port} and a new temporary store.
   *
   * @throws PortTakenException when one of its ports was taken between choosing and binding it
   */
  static NatsServer start(int port, String... extraArguments) {
    Optional<Path> binary = binary();
    Assumptions.assumeTrue(
        binary.isPresent(),
        "nats-server is not installed (looked at $NATS_SERVER, the PATH and /usr/bin):"
            + " JetStream tests skipped; install it with `apt-get install nats-server`");
    try {
      Path directory = Files.createTempDirectory("pgpipe-nats-");
      NatsServer server = new NatsServer(binary.get(), directory, port, List.of(extraArguments));
      try {
        server.launch();
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start nats-server", e);
    }
  }

  /** The server binary, when one is installed. */
  public static Optional<Path> binary() {
    String configured = System.getenv("NATS_SERVER");
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    String pathVariable = System.getenv("PATH");
    List<String> directories = new ArrayList<>();
    if (pathVariable != null) {
      directories.addAll(List.of(pathVariable.split(java.io.File.pathSeparator)));
    }
    directories.add("/usr/bin");
    return directories.stream()
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, "nats-server"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** {@code nats://127.0.0.1:<port>}. */
  public String url() {
    return "nats://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The JetStream store directory (kept across {@link #restart()}). */
  public Path storeDirectory() {
    return directory.resolve("store");
  }

  /** Where the server writes its log. */
  public Path logFile() {
    return directory.resolve("nats-server.log");
  }

  public boolean isRunning() {
    Process running = process;
    return running != null && running.isAlive();
  }

  /** Stops the server gracefully (SIGTERM) and waits for it to exit. Idempotent. */
  public void stop() {
    Process running = process;
    if (running == null) {
      return;
    }
    running.destroy();
    awaitExit(running);
    process = null;
  }

  /** Kills the server (SIGKILL) and waits for it to exit. Idempotent. */
  public void kill() {
    Process running = process;
    if (running == null) {
      return;
    }
    running.destroyForcibly();
    awaitExit(running);
    process = null;
  }

  /** Stops the server if it runs, then starts it again on the same port and store. */
  public void restart() {
    stop();
    launch();
  }

  /** Starts a stopped server again on the same port and store. */
  public void launch() {
    if (isRunning()) {
      throw new IllegalStateException("nats-server already runs on port " + port);
    }
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(
        List.of(
            "-js",
            "-a",
            "127.0.0.1",
            "-p",
            Integer.toString(port),
            "-sd",
            storeDirectory().toString()));
    command.addAll(extraArguments);
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + binary, e);
    }
    awaitReady();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!greets()) {
      Process running = process;
      if (running == null || !running.isAlive()) {
        String log = logTail();
        String message =
            "nats-server exited before accepting connections on port " + port + ": " + log;
        throw log.contains("address already in use")
            ? new PortTakenException(message)
            : new IllegalStateException(message);
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "nats-server did not accept connections on port " + port + " within " + READY_TIMEOUT);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  private boolean greets() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      socket.setSoTimeout(2_000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String line = in.readLine();
      return line != null && line.startsWith("INFO ");
    } catch (IOException e) {
      return false;
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void awaitExit(Process running) {
    try {
      if (!running.waitFor(30, TimeUnit.SECONDS)) {
        running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How often a server (or cluster) is started on new ports after one was taken meanwhile. */
  static final int PORT_ATTEMPTS = 5;

  /**
   * A port chosen free was bound by someone else before the server bound it (the system hands a
   * released port out again, to a client connection or another server): start again on others.
   */
  static final class PortTakenException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String message) {
      super(message);
    }
  }

  /**
   * {@code count} distinct free loopback ports: each is held until all are chosen, so the system
   * cannot hand the same one out twice among them.
   */
  static List<Integer> freePorts(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket();
        held.add(socket);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress("127.0.0.1", 0));
        ports.add(socket.getLocalPort());
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException e) {
          // closing a listening socket that never accepted cannot lose anything
        }
      }
    }
  }

  /** Kills the server and deletes its store and log. */
  @Override
  public void close() {
    kill();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // best effort: it is a temporary directory
    }
  }
}
