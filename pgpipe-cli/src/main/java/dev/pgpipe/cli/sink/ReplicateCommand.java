package dev.pgpipe.cli.sink;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.EventFilter;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.Outcome;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.cdc.StopRules;
import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.observe.Observability;
import dev.pgpipe.cli.observe.ObserveOptions;
import dev.pgpipe.cli.observe.SourceProbe;
import dev.pgpipe.cli.supervise.Supervisor;
import dev.pgpipe.sink.Replicator;
import dev.pgpipe.sink.ReplicatorStats;
import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.sink.backfill.BackfillOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe replicate}: a source PostgreSQL straight into a target, no broker. Takes the
 * initial snapshot (unless {@code --snapshot never}), then streams; each batch commits to the
 * target with its ledger position and only then is its LSN confirmed to the source slot, so every
 * change is applied exactly once across restarts ({@code pgpipe-sink/GUARANTEES.md}). The source is
 * {@code --from}, else {@code POSTGRES_INPUT_*}; the target {@code --to}, else {@code
 * POSTGRES_OUTPUT_*}. The ledger's source id is the slot name. Prints a status line every {@code
 * --status-interval} on standard error; Ctrl-C applies and confirms the pending batch, then exits.
 */
@Command(
    name = "replicate",
    description = {
      "Replicates tables of one PostgreSQL into another: snapshot, then stream, exactly once.",
      "Confirms each LSN to the source only after the target committed it. Runs until Ctrl-C."
    },
    footer = {
      "",
      "Variables (flags override): POSTGRES_INPUT_HOST, _PORT, _USER, _PASSWORD, _DATABASE,",
      "_REPLICATION_SLOT, _PUBLICATION, _TABLES, _BACKFILL_CHUNK; POSTGRES_OUTPUT_HOST, _PORT, _USER, _PASSWORD,",
      "_DATABASE, _BATCH_SIZE, _BATCH_BYTES, _FLUSH_INTERVAL, _CONFLICT_STRATEGY, _TABLES,",
      "_CREATE_TABLES, _DROP_COLUMNS.",
      "Guarantee and its conditions: pgpipe-sink/GUARANTEES.md."
    },
    mixinStandardHelpOptions = true)
public final class ReplicateCommand implements Callable<Integer> {

  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(60);

  @Option(
      names = "--from",
      paramLabel = "URL",
      description = "Source PostgreSQL (default: $POSTGRES_INPUT_*); needs wal_level=logical.")
  private @Nullable String from;

  @Mixin private SinkOptions sink = new SinkOptions();

  @Option(
      names = "--tables",
      paramLabel = "a,b",
      split = ",",
      description = "Tables to replicate, table or schema.table (default: $POSTGRES_INPUT_TABLES).")
  private @Nullable List<String> tables;

  @Option(
      names = "--snapshot",
      paramLabel = "MODE",
      description = "initial (copy existing rows first, default) or never.")
  private @Nullable String snapshot;

  @Option(names = "--slot", paramLabel = "S", description = "Replication slot and source id.")
  private @Nullable String slot;

  @Option(names = "--publication", paramLabel = "P", description = "Publication (default pgpipe).")
  private @Nullable String publication;

  @Mixin private RunLimits limits = new RunLimits();

  @Mixin private ObserveOptions observing = new ObserveOptions();

  @Option(
      names = "--part-size",
      paramLabel = "N",
      description = {
        "Apply a transaction of more than N changes in parts of N",
        "(default: $POSTGRES_INPUT_PART_SIZE or 10000)."
      })
  private @Nullable Integer partSize;

  @Option(
      names = "--backfill-chunk",
      paramLabel = "N",
      description = {
        "Backfill new tables (and `pgpipe backfill` requests) in chunks of N rows",
        "(default: $POSTGRES_INPUT_BACKFILL_CHUNK or 5000)."
      })
  private @Nullable Integer backfillChunk;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  private final Environment environment;

  public ReplicateCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    if (from == null && environment.get("POSTGRES_INPUT_HOST").isEmpty()) {
      throw new ParameterException(spec.commandLine(), "name the source: --from URL");
    }
    if (!sink.named(environment)) {
      throw new ParameterException(spec.commandLine(), "name the target: --to URL");
    }
    CdcConfig source = source(environment);
    List<String> names = tables == null ? null : clean(tables);
    SinkConfig target = sink.config(environment, source.slot(), names);
    PrintWriter err = spec.commandLine().getErr();
    try (Supervisor supervisor =
        Supervisor.start(
            err,
            "pgpipe replicate",
            SHUTDOWN_GRACE,
            observing.start(environment, "replicate", limits.statusInterval()))) {
      supervisor.print(source + " -> " + target);
      try (Replicator replicator = Replicator.create(source, target, backfill())) {
        Observability observe = supervisor.observability();
        observe.component(
            "source", SourceProbe.of(replicator::sourceState, replicator::sourceError));
        observe.watch("target", replicator.sink().database());
        StopRules rules = limits.rules();
        StatusLine line = new StatusLine(System.nanoTime());
        Outcome<ReplicatorStats> done =
            supervisor.run(
                replicator,
                limits.statusInterval(),
                stats ->
                    line.format(stats, System.nanoTime())
                        + StatusLine.paused(replicator.sink().pausedTables())
                        + StatusLine.backfill(replicator.backfilling()),
                stats -> rules.stop(0, stats.events()) ? rules.reason() : null);
        supervisor.summary(done.reason(), summary(done.stats()));
      }
    }
    return 0;
  }

  private BackfillOptions backfill() {
    Integer rows = backfillChunk;
    if (rows == null) {
      String variable = environment.get("POSTGRES_INPUT_BACKFILL_CHUNK").orElse("");
      try {
        rows = variable.isBlank() ? null : Integer.valueOf(variable.strip());
      } catch (NumberFormatException e) {
        throw new ParameterException(
            spec.commandLine(), "POSTGRES_INPUT_BACKFILL_CHUNK is not a number: " + variable);
      }
    }
    try {
      return rows == null ? BackfillOptions.DEFAULTS : BackfillOptions.DEFAULTS.withChunkRows(rows);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--backfill-chunk: " + e.getMessage());
    }
  }

  private CdcConfig source(Environment environment) {
    CdcConfig.Builder builder = CdcConfig.fromEnvironment(environment.variables());
    String url = from;
    if (url != null) {
      builder.url(url);
    }
    if (slot != null) {
      builder.slot(slot);
    }
    if (publication != null) {
      builder.publication(publication);
    }
    SnapshotMode mode = snapshot == null ? SnapshotMode.INITIAL : SnapshotMode.fromLabel(snapshot);
    if (mode == SnapshotMode.INITIAL_ONLY) {
      throw new ParameterException(
          spec.commandLine(), "--snapshot: initial or never, not " + snapshot);
    }
    builder.snapshot(mode);
    Integer part = partSize;
    if (part != null) {
      builder.tuning().maxEventsPerPart(part);
    }
    if (tables != null) {
      List<String> names = clean(tables);
      builder.tables(names);
      builder.filter(new EventFilter(names, List.of(), EnumSet.allOf(Operation.class)));
    }
    return builder.build();
  }

  static String summary(ReplicatorStats stats) {
    return String.format(
        java.util.Locale.ROOT,
        " after %,d transactions, %,d rows in %,d batches; %,d skipped as"
            + " already applied, %,d dead letters; lag %s",
        stats.transactions(),
        stats.events(),
        stats.batches(),
        stats.skipped(),
        stats.deadLettered(),
        StatusLine.lag(stats));
  }

  private static List<String> clean(List<String> names) {
    return names.stream().map(String::strip).filter(n -> !n.isEmpty()).toList();
  }
}
