package dev.pgpipe.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;

/** One in-process run of {@code pgpipe}: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

  /** Runs {@code pgpipe args} with the given environment variables and home directory. */
  static CliRun run(Map<String, String> variables, Path home, String... args) {
    CommandLine commandLine = Main.commandLine(new Environment(variables, home));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  /**
   * Starts {@code pgpipe args} on a daemon thread of its own (not the common pool, which may have
   * room for one task only) and completes with its run, or with what it threw.
   */
  static CompletableFuture<CliRun> start(Map<String, String> variables, Path home, String... args) {
    CompletableFuture<CliRun> done = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("pgpipe-" + (args.length > 0 ? args[0] : "run"))
        .start(
            () -> {
              try {
                done.complete(run(variables, home, args));
              } catch (Throwable t) {
                done.completeExceptionally(t);
              }
            });
    return done;
  }
}
