package dev.pgpipe.cli.sink;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.GracefulStop;
import dev.pgpipe.cli.StopRules;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.sink.buffer.BufferConfig;
import dev.pgpipe.sink.buffer.BufferProcessor;
import dev.pgpipe.sink.buffer.ChangeBuffer;
import dev.pgpipe.sink.buffer.SinkHandler;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe buffer process}: drains one source of the change buffer (in the database of {@code
 * --url}) into the table sink of {@code --to}, in order. A batch is marked processed in the same
 * buffer transaction that handed it to the sink, and the sink's ledger skips what a crash between
 * the two commits replays, so each event is applied once. Runs until Ctrl-C, {@code --until-empty},
 * {@code --idle-exit} or {@code --max-duration}; prints the backlog every {@code
 * --status-interval}.
 */
@Command(
    name = "process",
    description = {
      "Drains the change buffer into a target PostgreSQL, exactly once, in order.",
      "Runs until Ctrl-C (or --until-empty, --idle-exit, --max-duration)."
    },
    mixinStandardHelpOptions = true)
final class BufferProcessCommand implements Callable<Integer> {

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private DatabaseOptions database;

  @Mixin private SinkOptions sink = new SinkOptions();

  @Option(
      names = "--source",
      paramLabel = "ID",
      description = "Buffer source to drain (default: $POSTGRES_INPUT_REPLICATION_SLOT or pgpipe).")
  private @Nullable String source;

  @Option(names = "--until-empty", description = "Stop once the source's backlog is empty.")
  private boolean untilEmpty;

  @Mixin private RunLimits limits = new RunLimits();

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  private final Environment environment;

  BufferProcessCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    if (!sink.named(environment)) {
      throw new ParameterException(spec.commandLine(), "name the target: --to URL");
    }
    String sourceId =
        source != null
            ? source
            : environment.get("POSTGRES_INPUT_REPLICATION_SLOT").orElse("pgpipe");
    SinkConfig sinkConfig = sink.config(environment, sourceId, null);
    BufferConfig config = BufferSettings.config(environment);
    PrintWriter err = spec.commandLine().getErr();
    try (DatabaseTarget target = database.target();
        Database db = target.open(4);
        TableSink tableSink = TableSink.open(sinkConfig);
        GracefulStop signal = GracefulStop.install(Duration.ofSeconds(60))) {
      ChangeBuffer buffer = new ChangeBuffer(db, config);
      buffer.migrate();
      print(err, "pgpipe buffer process: " + sourceId + " from " + target + " -> " + sinkConfig);
      BufferProcessor processor =
          new BufferProcessor(buffer, sourceId, new SinkHandler(tableSink), true);
      StopRules rules = limits.rules(signal::requested);
      drain(processor, () -> line(db, config, sourceId, tableSink), rules, err);
      String reason = rules.reason();
      print(
          err,
          "pgpipe buffer process: "
              + (reason == null ? "finished" : "stopped (" + reason + ")")
              + ", "
              + line(db, config, sourceId, tableSink).text());
    }
    return 0;
  }

  private void drain(
      BufferProcessor processor, Progress progress, StopRules rules, PrintWriter err) {
    CompletableFuture<Void> running =
        CompletableFuture.runAsync(
            processor::run, task -> Thread.ofPlatform().name("pgpipe-buffer").daemon().start(task));
    try (processor) {
      while (!finished(running, limits.statusInterval())) {
        Line now = progress.get();
        print(err, "pgpipe buffer process: " + now.text());
        if ((untilEmpty && now.backlog() == 0) || rules.stop(0, now.processed())) {
          break;
        }
      }
    }
    finished(running, Duration.ofSeconds(60));
  }

  private static Line line(Database db, BufferConfig config, String sourceId, TableSink sink) {
    long backlog = BufferSettings.backlog(db, config, sourceId);
    long processed =
        db.sql(
                "SELECT count(*) FROM "
                    + BufferSettings.events(config)
                    + " WHERE source_id = ? AND processed_at IS NOT NULL",
                sourceId)
            .scalar(Long.class);
    String text =
        String.format(
            Locale.ROOT,
            "%,d events processed, backlog %,d, %,d dead letters in the target",
            processed,
            backlog,
            sink.deadLetters());
    return new Line(backlog, processed, text);
  }

  private static boolean finished(CompletableFuture<Void> running, Duration wait) {
    try {
      running.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException("buffer processing failed", e.getCause());
    }
  }

  private static void print(PrintWriter err, String text) {
    err.println(text);
    err.flush();
  }

  /** One status reading. */
  private record Line(long backlog, long processed, String text) {}

  /** Takes a status reading. */
  private interface Progress {
    Line get();
  }
}
