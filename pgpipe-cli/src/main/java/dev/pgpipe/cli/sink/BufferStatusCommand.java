package dev.pgpipe.cli.sink;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.buffer.BufferConfig;
import dev.pgpipe.sink.buffer.BufferStatus;
import dev.pgpipe.sink.buffer.ChangeBuffer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe buffer status}: the backlog of the change buffer in the database of {@code --url},
 * the age of its oldest unprocessed event, the processed events still kept and the dead letters.
 * Creates nothing: a database without a buffer says so.
 */
@Command(
    name = "status",
    description = "Shows the buffer's backlog, oldest event age and dead letters.",
    mixinStandardHelpOptions = true)
final class BufferStatusCommand implements Callable<Integer> {

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private DatabaseOptions database;

  @Option(
      names = "--cleanup",
      description = "First delete processed events older than $PGPIPE_BUFFER_RETENTION (168h).")
  private boolean cleanup;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  private final Environment environment;

  BufferStatusCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    BufferConfig config = BufferSettings.config(environment);
    try (DatabaseTarget target = database.target();
        Database db = target.open(2)) {
      if (!BufferSettings.exists(db, config)) {
        out.printf("no buffer here: %s does not exist%n", BufferSettings.events(config));
        out.flush();
        return 0;
      }
      ChangeBuffer buffer = new ChangeBuffer(db, config);
      if (cleanup) {
        out.printf(Locale.ROOT, "cleanup deleted %,d processed events%n", buffer.cleanup());
      }
      print(out, config, buffer.status());
      return 0;
    }
  }

  static void print(PrintWriter out, BufferConfig config, BufferStatus status) {
    out.printf(Locale.ROOT, "buffer        %s%n", BufferSettings.events(config));
    out.printf(Locale.ROOT, "backlog       %,d events%n", status.backlog());
    out.printf(Locale.ROOT, "oldest event  %s%n", age(status.oldestAge()));
    out.printf(
        Locale.ROOT,
        "processed     %,d events kept (retention %s)%n",
        status.processed(),
        age(config.retention()));
    out.printf(Locale.ROOT, "dead letters  %,d%n", status.deadLetters());
    out.flush();
  }

  private static String age(Duration d) {
    if (d.isZero()) {
      return "-";
    }
    if (d.toSeconds() < 120) {
      return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
    return d.toHours() < 48 ? d.toMinutes() + " min" : d.toHours() + " h";
  }
}
