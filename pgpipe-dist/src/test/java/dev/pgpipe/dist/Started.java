package dev.pgpipe.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A started command whose standard output and error go to temporary files, for a test to wait for
 * or, while it runs, to look at and then stop. {@link #close()} kills what still runs and deletes
 * the files. One thread uses it.
 */
final class Started implements AutoCloseable {

  private final List<String> command;
  private final Process process;
  private final Path out;
  private final Path err;

  private Started(List<String> command, Process process, Path out, Path err) {
    this.command = List.copyOf(command);
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code command} with exactly {@code env} (empty: this JVM's environment). */
  static Started start(List<String> command, Map<String, String> env) throws IOException {
    Path out = Files.createTempFile("pgpipe-dist-out", ".txt");
    Path err = Files.createTempFile("pgpipe-dist-err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile());
    builder.redirectError(err.toFile());
    if (!env.isEmpty()) {
      builder.environment().clear();
      builder.environment().putAll(env);
    }
    try {
      return new Started(command, builder.start(), out, err);
    } catch (IOException e) {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      throw e;
    }
  }

  /**
   * Waits at most {@code seconds} for the command to end by itself.
   *
   * @throws AssertionError naming the command, after killing it, when it did not end in time
   */
  Unpacked.Run await(int seconds) throws IOException, InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      kill();
      throw new AssertionError(command + " did not finish within " + seconds + " s");
    }
    return result();
  }

  /**
   * Stops the command as Ctrl-C, systemd or {@code docker stop} would (SIGTERM, pgpipe's graceful
   * stop), waits at most {@code seconds} for it, and kills it after that.
   */
  Unpacked.Run stop(int seconds) throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      kill();
    }
    return result();
  }

  /**
   * What the command printed so far, standard error after standard output: for failure messages.
   */
  String printed() throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8)
        + Files.readString(err, StandardCharsets.UTF_8);
  }

  private void kill() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly().waitFor();
  }

  private Unpacked.Run result() throws IOException {
    return new Unpacked.Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws IOException {
    try {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // gone before its database is
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
