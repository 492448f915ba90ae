package dev.pgpipe.cli.nats;

import dev.pgpipe.cdc.Outcome;
import dev.pgpipe.cdc.StopRules;
import dev.pgpipe.cli.DurationConverter;
import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.observe.ObserveOptions;
import dev.pgpipe.cli.sink.SinkOptions;
import dev.pgpipe.cli.supervise.Supervisor;
import dev.pgpipe.client.Ticker;
import dev.pgpipe.nats.BatchLimits;
import dev.pgpipe.nats.ConsumerConfig;
import dev.pgpipe.nats.ConsumerStats;
import dev.pgpipe.nats.NatsSettings;
import dev.pgpipe.nats.PoisonPolicy;
import dev.pgpipe.nats.TransactionConsumer;
import dev.pgpipe.nats.TransactionSinkHandler;
import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.sink.TableSink;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe sink --from nats://host:4222 --to URL}: a durable JetStream pull consumer that
 * applies the transactions of one source to a target PostgreSQL through the table sink, exactly
 * once (its ledger records each commit LSN with the data). Whole transactions are gathered into
 * batches of up to {@code --batch-size} events ({@code POSTGRES_OUTPUT_BATCH_SIZE}), each applied
 * in one target transaction and then acknowledged to JetStream with one ack; a message that is no
 * change envelope goes to the dead-letter subject and stops the sink ({@code --on-poison stop}) or
 * is skipped ({@code --on-poison dead-letter}). The ledger's source id is the source name, or
 * {@code <source>-<consumer>} with {@code --filter} (each filtered consumer keeps its own order).
 * Status lines go to standard error; Ctrl-C finishes the transaction at hand, then exits.
 */
@Command(
    name = "sink",
    description = {
      "Applies change data from a NATS JetStream stream to a target PostgreSQL, exactly once.",
      "Acknowledges each transaction only after the target committed it. Runs until Ctrl-C."
    },
    footer = {
      "",
      "Variables: NATS_URL, NATS_USER + NATS_PASSWORD, NATS_TOKEN, NATS_CREDS, NATS_NKEY;",
      "POSTGRES_OUTPUT_HOST, _PORT, _USER, _PASSWORD, _DATABASE, _CONFLICT_STRATEGY, _TABLES,",
      "_CREATE_TABLES, _DROP_COLUMNS, _BATCH_SIZE, _BATCH_BYTES, _FLUSH_INTERVAL.",
      "Subjects and guarantees: pgpipe-nats/README.md.",
      "Paused tables (any sink): pgpipe sink status, pgpipe sink resume TABLE."
    },
    subcommands = {
      dev.pgpipe.cli.sink.SinkStatusCommand.class,
      dev.pgpipe.cli.sink.SinkResumeCommand.class
    },
    mixinStandardHelpOptions = true)
public final class SinkCommand implements Callable<Integer> {

  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(60);

  @Option(
      names = "--from",
      paramLabel = "URL",
      description = "NATS server(s): nats://host:4222[,nats://...] (default: $NATS_URL).")
  private @Nullable String from;

  @Mixin private NatsOptions nats = new NatsOptions();

  @Mixin private SinkOptions sink = new SinkOptions();

  @Option(
      names = "--consumer",
      paramLabel = "C",
      description = "Durable consumer name, one per sink process (default pgpipe-sink).")
  private String consumer = "pgpipe-sink";

  @Option(
      names = "--filter",
      paramLabel = "SUBJECT",
      description = "Only these subjects, e.g. pgpipe.shop.public.* (default: the whole source).")
  private @Nullable String filter;

  @Option(
      names = "--on-poison",
      paramLabel = "POLICY",
      description = {
        "After a message that cannot be applied went to the dead-letter subject: stop",
        "(default; skipping it loses its changes) or dead-letter (go on without it)."
      })
  private String onPoison = "stop";

  @Option(
      names = "--max-transactions",
      paramLabel = "N",
      description = "Stop once N transactions were applied (the fetched batch is finished first).")
  private long maxTransactions;

  @Option(
      names = "--idle-exit",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop when no message came for this long, e.g. 5s.")
  private @Nullable Duration idleExit;

  @Option(
      names = "--status-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How often to print a status line (default 10s).")
  private Duration statusInterval = Duration.ofSeconds(10);

  @Mixin private ObserveOptions observing = new ObserveOptions();

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  private final Clock clock = Clock.systemUTC();

  private final Environment environment;

  public SinkCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    check(environment);
    SinkConfig target = sinkConfig(environment, consumerConfig(environment, null));
    ConsumerConfig config = consumerConfig(environment, target);
    PrintWriter err = spec.commandLine().getErr();
    try (Supervisor supervisor =
        Supervisor.start(
            err,
            "pgpipe sink",
            SHUTDOWN_GRACE,
            observing.start(environment, "sink", statusInterval))) {
      supervisor.print("consuming " + describe(config) + " -> " + target);
      Outcome<ConsumerStats> done;
      try (TableSink sink = TableSink.open(target)) {
        StopRules rules =
            new StopRules(() -> false, maxTransactions, idleExit, null, Ticker.SYSTEM);
        long start = System.nanoTime();
        TransactionConsumer consumer =
            TransactionConsumer.connect(config, new TransactionSinkHandler(sink, false));
        ConsumerJob job = new ConsumerJob(consumer, rules);
        supervisor.observability().watch("target", sink.database());
        supervisor
            .observability()
            .component("jetstream", () -> NatsMeters.health(consumer.connectionState()));
        supervisor.observability().bind(NatsMeters.consumer(job::stats, clock));
        done =
            supervisor.run(
                job,
                statusInterval,
                stats ->
                    status(stats, System.nanoTime() - start)
                        + dev.pgpipe.cli.sink.StatusLine.paused(sink.pausedTables()),
                s -> null);
      }
      supervisor.summary(done.reason(), summary(done.stats()));
    }
    return 0;
  }

  private void check(Environment environment) {
    if (!NatsOptions.named(from, environment.variables())) {
      throw new ParameterException(spec.commandLine(), "name the NATS server: --from nats://...");
    }
    if (from != null && !NatsOptions.isNatsUrl(from)) {
      throw new ParameterException(
          spec.commandLine(), "--from: a NATS URL like nats://host:4222, not '" + from + "'");
    }
    if (!sink.named(environment)) {
      throw new ParameterException(spec.commandLine(), "name the target: --to URL");
    }
  }

  /** The consumer; its batches as {@code target}'s (the defaults when null). */
  private ConsumerConfig consumerConfig(Environment environment, @Nullable SinkConfig target) {
    NatsSettings settings = nats.settings(from, environment.variables());
    ConsumerConfig.Builder builder =
        ConsumerConfig.builder().nats(settings).stream(nats.stream())
            .source(nats.source())
            .durable(consumer)
            .onPoison(poisonPolicy());
    if (target != null) {
      builder.batch(
          new BatchLimits(
              target.batchSize(),
              target.batchBytes(),
              target.flushInterval(),
              BatchLimits.DEFAULTS.linger()));
    }
    if (filter != null) {
      builder.filterSubject(filter);
    }
    if (maxTransactions > 0) {
      // a fetch holds at most this many transactions, so a run stops close to the limit
      builder.fetchBatch((int) Math.min(64, maxTransactions));
    }
    return builder.build();
  }

  private PoisonPolicy poisonPolicy() {
    try {
      return PoisonPolicy.parse(onPoison);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--on-poison: " + e.getMessage());
    }
  }

  private SinkConfig sinkConfig(Environment environment, ConsumerConfig config) {
    String id = filter == null ? config.source() : config.source() + "-" + config.durable();
    return sink.config(environment, id, null);
  }

  private static String describe(ConsumerConfig config) {
    return String.format(
        Locale.ROOT,
        "%s (stream %s) as %s from %s",
        config.filterSubject(),
        config.stream().name(),
        config.durable(),
        NatsOptions.describe(config.nats()));
  }

  private String status(ConsumerStats stats, long elapsedNanos) {
    double seconds = Math.max(elapsedNanos, 1) / 1e9;
    return String.format(
        Locale.ROOT,
        "%,d transactions (%,.0f/s), %,d events, %,d messages, %,d dead letters; lag %s",
        stats.transactions(),
        stats.transactions() / seconds,
        stats.events(),
        stats.messages(),
        stats.deadLetters(),
        lag(stats));
  }

  static String summary(ConsumerStats stats) {
    return String.format(
        Locale.ROOT,
        " after %,d transactions, %,d events in %,d messages; %,d skipped as seen,"
            + " %,d failures, %,d dead letters",
        stats.transactions(),
        stats.events(),
        stats.messages(),
        stats.skipped(),
        stats.failures(),
        stats.deadLetters());
  }

  private String lag(ConsumerStats stats) {
    return stats
        .lag(clock.instant())
        .map(lag -> String.format(Locale.ROOT, "%.1fs", lag.toMillis() / 1000.0))
        .orElse("-");
  }
}
