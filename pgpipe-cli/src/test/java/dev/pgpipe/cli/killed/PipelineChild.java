package dev.pgpipe.cli.killed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cli.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One {@code pgpipe} command run as a child JVM, the way an operator runs it, so that it can be
 * killed with SIGKILL ({@link Process#destroyForcibly()}) at any moment. Its output goes to a log
 * file, kept for the failure report. Not thread-safe.
 */
final class PipelineChild {

  private final String name;
  private final List<String> arguments;
  private final Map<String, String> environment;
  private final Path logDirectory;
  private @Nullable Process process;
  private int starts;

  PipelineChild(
      String name, List<String> arguments, Map<String, String> environment, Path logDirectory) {
    this.name = name;
    this.arguments = List.copyOf(arguments);
    this.environment = Map.copyOf(environment);
    this.logDirectory = logDirectory;
  }

  /** Starts the command unless it is running already. */
  void ensureRunning() {
    Process running = process;
    if (running != null && running.isAlive()) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(
        List.of(
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName()));
    command.addAll(arguments);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(logDirectory.resolve(name + "-" + ++starts + ".log").toFile());
    builder.environment().putAll(environment);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** SIGKILL, then waits until the process is gone. */
  void kill() throws InterruptedException {
    Process running = process;
    if (running != null) {
      running.destroyForcibly();
      assertThat(running.waitFor(30, TimeUnit.SECONDS)).as(name + " died").isTrue();
    }
  }

  boolean exited() {
    Process running = process;
    return running != null && !running.isAlive();
  }

  String name() {
    return name;
  }

  List<String> arguments() {
    return arguments;
  }

  /** The same command with other arguments and more (or overriding) variables, not started. */
  PipelineChild withArguments(List<String> newArguments, Map<String, String> moreVariables) {
    Map<String, String> variables = new java.util.HashMap<>(environment);
    variables.putAll(moreVariables);
    return new PipelineChild(name, newArguments, variables, logDirectory);
  }

  /** What the {@code start}th run (from 1) wrote. */
  String log(int start) throws IOException {
    return Files.readString(logDirectory.resolve(name + "-" + start + ".log"));
  }

  /** The last lines of every log this child wrote, for a failure report. */
  String logTail() {
    StringBuilder out = new StringBuilder();
    for (int start = 1; start <= starts; start++) {
      Path log = logDirectory.resolve(name + "-" + start + ".log");
      try {
        List<String> lines = Files.readAllLines(log);
        out.append("--- ").append(log).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 15), lines.size())
            .forEach(l -> out.append(l).append('\n'));
      } catch (IOException e) {
        out.append("--- ").append(log).append(": ").append(e.getMessage()).append('\n');
      }
    }
    return out.toString();
  }
}
