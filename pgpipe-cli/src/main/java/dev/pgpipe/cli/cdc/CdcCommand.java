package dev.pgpipe.cli.cdc;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.DrainStats;
import dev.pgpipe.cdc.Outcome;
import dev.pgpipe.cdc.StdoutSink;
import dev.pgpipe.cdc.StopRules;
import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.cli.DurationConverter;
import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.nats.NatsFeed;
import dev.pgpipe.cli.nats.NatsOptions;
import dev.pgpipe.cli.observe.ObserveOptions;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.cli.supervise.Supervisor;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Ticker;
import dev.pgpipe.nats.PublisherConfig;
import dev.pgpipe.sink.buffer.BufferConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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
 * {@code pgpipe cdc}: streams committed changes as JSON lines until stopped.
 *
 * <p>Settings come from the {@code POSTGRES_INPUT_*} variables and flags override them. The server
 * is {@code --url}; else {@code POSTGRES_INPUT_HOST} (with {@code _PORT}, {@code _USER}, {@code
 * _PASSWORD}, {@code _DATABASE}) when set; else what {@link DatabaseOptions} picks ({@code
 * PGPIPE_URL}, {@code PGHOST}, the embedded server). A transaction is confirmed to the server only
 * after the flush that wrote its line returned without error. Ctrl-C stops after flushing and
 * confirming what was written; {@code --max-transactions} and {@code --idle-exit} stop it by
 * themselves. Progress and warnings go to standard error, envelopes alone to standard output. With
 * {@code --to buffer} the transactions go into the durable change buffer instead ({@link
 * BufferFeed}), confirmed after the buffer committed them; the source id is the slot name.
 */
@Command(
    name = "cdc",
    description = {
      "Streams committed changes of PostgreSQL as JSON lines, one transaction (or event) per line.",
      "Creates the publication and the logical slot when missing; confirms each transaction",
      "only after its line was written and flushed. Runs until Ctrl-C."
    },
    footer = {
      "",
      "Variables (flags override): POSTGRES_INPUT_HOST, _PORT, _USER, _PASSWORD, _DATABASE,",
      "_REPLICATION_SLOT, _PUBLICATION, _TABLES, _BATCH_SIZE, _BATCH_TIMEOUT.",
      "Format of the lines: pgpipe-cdc/ENVELOPE.md."
    },
    mixinStandardHelpOptions = true)
public final class CdcCommand implements Callable<Integer> {

  static final String HOST_VARIABLE = "POSTGRES_INPUT_HOST";
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private DatabaseOptions database;

  @Mixin private CdcFlags flags = new CdcFlags();

  @Option(
      names = "--to",
      paramLabel = "SINK",
      description = {
        "stdout (default): JSON lines; buffer: the durable change buffer",
        "(drain it with 'pgpipe buffer process'); nats://host:4222: a JetStream stream",
        "(consume it with 'pgpipe sink --from nats://...'; credentials from NATS_*)."
      })
  private String to = "stdout";

  @Mixin private NatsOptions nats = new NatsOptions();

  @Option(
      names = "--buffer-url",
      paramLabel = "URL",
      description = "With --to buffer: the buffer's database (default: the source database).")
  private @Nullable String bufferUrl;

  @Option(names = "--per-event", description = "One event per line instead of one transaction.")
  private boolean perEvent;

  @Option(
      names = "--max-transactions",
      paramLabel = "N",
      description = "Stop after N transactions (default: run until stopped).")
  private long maxTransactions;

  @Option(
      names = "--idle-exit",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop when no transaction came for this long, e.g. 5s.")
  private @Nullable Duration idleExit;

  @Mixin private ObserveOptions observing = new ObserveOptions();

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  private final Environment environment;

  public CdcCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    if (!to.equals("stdout") && !to.equals("buffer") && !NatsOptions.isNatsUrl(to)) {
      throw new ParameterException(
          spec.commandLine(), "--to: 'stdout', 'buffer' or nats://host:4222, not '" + to + "'");
    }
    CdcConfig.Builder builder = CdcConfig.fromEnvironment(environment.variables());
    StopRules rules = new StopRules(() -> false, maxTransactions, idleExit, null, Ticker.SYSTEM);
    try (DatabaseTarget target = fromEnvironment(environment) ? null : database.target()) {
      if (target != null) {
        builder.connection(target.settings());
      }
      CdcConfig config = flags.applyTo(builder, variableTables(environment)).build();
      PrintWriter err = spec.commandLine().getErr();
      try (Supervisor supervisor =
          Supervisor.start(
              err,
              "pgpipe cdc",
              SHUTDOWN_GRACE,
              observing.start(environment, "cdc", Duration.ofSeconds(1)))) {
        if (NatsOptions.isNatsUrl(to)) {
          return publish(config, environment, rules, supervisor);
        }
        return to.equals("buffer")
            ? buffer(config, environment, rules, supervisor)
            : stream(config, rules, supervisor);
      }
    }
  }

  private int stream(CdcConfig config, StopRules rules, Supervisor supervisor) {
    WriterOutputStream out = new WriterOutputStream(spec.commandLine().getOut());
    StdoutSink lines = new StdoutSink(out, perEvent);
    ChangeStream stream = ChangeStream.open(config);
    supervisor.observability().source(stream);
    Outcome<DrainStats> done;
    try {
      stream.warnings().forEach(w -> supervisor.print("warning: " + w));
      supervisor.print("streaming " + config + (perEvent ? ", per event" : ""));
      done = supervisor.run(lines.loop(stream, config.tuning()).stopRules(rules).build());
    } finally {
      stream.close();
    }
    supervisor.summary(
        done.reason(),
        String.format(
            Locale.ROOT,
            " after %,d lines, %,d transactions, %,d events; confirmed %s",
            lines.lines(),
            done.stats().transactions(),
            done.stats().events(),
            Lsn.format(stream.stats().confirmedLsn())));
    return 0;
  }

  /**
   * Feeds the buffer. In the source database itself only for named tables: a publication of all
   * tables would capture the buffer's own writes and feed them back forever.
   */
  private int buffer(
      CdcConfig config, Environment environment, StopRules rules, Supervisor supervisor) {
    String url = bufferUrl;
    if (url == null && config.tables().isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "--to buffer in the source database needs --tables (or give --buffer-url)");
    }
    ConnectionSettings bufferDb = url == null ? config.connection() : ConnectionSettings.parse(url);
    BufferConfig bufferConfig = BufferConfig.fromEnvironment(environment.variables());
    return new BufferFeed(bufferConfig).run(config, bufferDb, config.slot(), rules, supervisor);
  }

  private int publish(
      CdcConfig config, Environment environment, StopRules rules, Supervisor supervisor) {
    PublisherConfig publisher =
        PublisherConfig.builder().nats(nats.settings(to, environment.variables())).stream(
                nats.stream())
            .source(nats.source())
            .build();
    return NatsFeed.run(config, publisher, rules, supervisor);
  }

  /** Whether the connection comes from {@code POSTGRES_INPUT_*}: no {@code --url}, host set. */
  private boolean fromEnvironment(Environment environment) {
    return !spec.commandLine().getParseResult().hasMatchedOption("--url")
        && environment.get(HOST_VARIABLE).isPresent();
  }

  private static List<String> variableTables(Environment environment) {
    return environment.get("POSTGRES_INPUT_TABLES").stream()
        .flatMap(list -> Arrays.stream(list.split(",")))
        .map(String::strip)
        .filter(name -> !name.isEmpty())
        .toList();
  }
}
