package dev.pgpipe.bench;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * The command line as {@code ./pgpipe} builds it, with its home in {@code home} and an embedded
 * server of its own on a free port (started the way the command line starts it), its output and
 * errors both written to {@link #out()}.
 */
public final class BenchCli {

  private final StringWriter out = new StringWriter();
  private final CommandLine cli;

  public BenchCli(Path home) {
    try {
      cli =
          Main.commandLine(
              new Environment(
                  Map.of(
                      "PGPIPE_HOME", home.toString(),
                      "PGPIPE_EMBEDDED_PORT", Integer.toString(freePort())),
                  home));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
  }

  /** Runs {@code args}; the exit code. */
  public int execute(String... args) {
    return cli.execute(args);
  }

  /** What the runs printed so far. */
  public String out() {
    return out.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
