package dev.pgpipe.cli.sink;

import dev.pgpipe.cdc.Job;
import dev.pgpipe.cdc.Outcome;
import dev.pgpipe.cdc.StopReason;
import dev.pgpipe.cdc.StopRules;
import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.cli.supervise.Supervisor;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.sink.buffer.BufferConfig;
import dev.pgpipe.sink.buffer.BufferProcessor;
import dev.pgpipe.sink.buffer.ChangeBuffer;
import dev.pgpipe.sink.buffer.SinkHandler;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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

  @Mixin
  private dev.pgpipe.cli.observe.ObserveOptions observing =
      new dev.pgpipe.cli.observe.ObserveOptions();

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
    try (Supervisor supervisor = supervisor();
        DatabaseTarget target = database.target();
        Database db = target.open(4);
        TableSink tableSink = TableSink.open(sinkConfig)) {
      ChangeBuffer buffer = new ChangeBuffer(db, config);
      buffer.migrate();
      supervisor.observability().watch("source", db);
      supervisor.observability().watch("target", tableSink.database());
      supervisor.print(sourceId + " from " + target + " -> " + sinkConfig);
      BufferProcessor processor =
          new BufferProcessor(buffer, sourceId, new SinkHandler(tableSink), true);
      StopRules rules = limits.rules();
      Outcome<Line> done =
          supervisor.run(
              new ProcessorJob(processor, () -> line(db, config, sourceId, tableSink)),
              limits.statusInterval(),
              Line::text,
              now ->
                  untilEmpty && now.backlog() == 0
                      ? StopReason.FINISHED
                      : rules.stop(0, now.processed()) ? rules.reason() : null);
      supervisor.summary(done.reason(), ", " + line(db, config, sourceId, tableSink).text());
    }
    return 0;
  }

  private Supervisor supervisor() {
    return Supervisor.start(
        spec.commandLine().getErr(),
        "pgpipe buffer process",
        Duration.ofSeconds(60),
        observing.start(environment, "buffer-process", limits.statusInterval()));
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
            "%,d events processed, backlog %,d, %,d dead letters in the target%s",
            processed,
            backlog,
            sink.deadLetters(),
            StatusLine.paused(sink.pausedTables()));
    return new Line(backlog, processed, text);
  }

  /** One status reading. */
  private record Line(long backlog, long processed, String text) {}

  /**
   * The processor as a {@link Job} whose counters are a status reading: it runs until stopped, and
   * its stop returns at once while the processor finishes its batch.
   */
  private record ProcessorJob(BufferProcessor processor, Supplier<Line> progress)
      implements Job<Line> {

    @Override
    public Outcome<Line> run() {
      processor.run();
      return new Outcome<>(StopReason.INTERRUPTED, progress.get());
    }

    @Override
    public void stop() {
      Thread.ofVirtual().name("pgpipe-buffer-stop").start(processor::close);
    }

    @Override
    public Line stats() {
      return progress.get();
    }
  }
}
