package dev.pgpipe.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distribution archive unpacked into a folder, and its {@code bin/pgpipe} run as a user would
 * run it: without {@code JAVA_HOME} and with a {@code PATH} whose only {@code java} is a decoy that
 * fails, so a launcher that used any Java but its own runtime would fail the test.
 */
final class Unpacked {

  /** What a run of {@code bin/pgpipe} printed and returned. */
  record Run(int exitCode, String out, String err) {}

  private final Path home;
  private final Map<String, String> environment;

  private Unpacked(Path home, Map<String, String> environment) {
    this.home = home;
    this.environment = environment;
  }

  /**
   * Unpacks the archive named by the system property {@code pgpipe.dist.archive} into {@code dir}.
   */
  static Unpacked unpack(Path dir) throws IOException, InterruptedException {
    Path archive = Path.of(System.getProperty("pgpipe.dist.archive", "no pgpipe.dist.archive"));
    assertThat(archive).as("the archive `./mvnw -Pdist package` builds").isRegularFile();
    Path into = Files.createDirectories(dir.resolve("unpacked"));
    run(List.of("tar", "-xzf", archive.toString(), "-C", into.toString()), Map.of(), 120);
    try (var folders = Files.list(into)) {
      Path home = folders.findFirst().orElseThrow();
      return new Unpacked(home, userEnvironment(dir));
    }
  }

  private static Map<String, String> userEnvironment(Path dir) throws IOException {
    Path decoys = Files.createDirectories(dir.resolve("decoy-bin"));
    Path java = decoys.resolve("java");
    Files.writeString(java, "#!/bin/sh\necho 'not the bundled runtime' >&2\nexit 97\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = new HashMap<>();
    env.put("PATH", decoys + ":/usr/bin:/bin");
    env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
    env.put("PGPIPE_HOME", Files.createDirectories(dir.resolve("pgpipe-home")).toString());
    env.put("PGPIPE_EMBEDDED_PORT", String.valueOf(freePort()));
    env.put("LANG", "C.UTF-8");
    return env;
  }

  Path home() {
    return home;
  }

  Map<String, String> environment() {
    return Map.copyOf(environment);
  }

  /** Runs {@code bin/pgpipe args...} with the user's environment, at most two minutes. */
  Run pgpipe(String... args) throws IOException, InterruptedException {
    return pgpipe(Map.of(), args);
  }

  /** Runs {@code bin/pgpipe args...} with the user's environment plus {@code variables}. */
  Run pgpipe(Map<String, String> variables, String... args)
      throws IOException, InterruptedException {
    return run(command(args), withVariables(variables), 120);
  }

  /**
   * Starts {@code bin/pgpipe args...} with the user's environment plus {@code variables}, for a
   * test that looks at it while it runs; the caller stops and closes it.
   */
  Started start(Map<String, String> variables, String... args) throws IOException {
    return Started.start(command(args), withVariables(variables));
  }

  private List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/pgpipe").toString());
    command.addAll(List.of(args));
    return command;
  }

  private Map<String, String> withVariables(Map<String, String> variables) {
    Map<String, String> env = new HashMap<>(environment);
    env.putAll(variables);
    return env;
  }

  /** A loopback port nobody listens on, for connections that must be refused. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Runs {@code command} with exactly {@code env} (empty: this JVM's), at most {@code seconds}. */
  static Run run(List<String> command, Map<String, String> env, int seconds)
      throws IOException, InterruptedException {
    try (Started started = Started.start(command, env)) {
      return started.await(seconds);
    }
  }
}
