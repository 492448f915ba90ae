package dev.pgpipe.cli.cdc;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.StdoutSink;
import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.cli.DurationConverter;
import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.GracefulStop;
import dev.pgpipe.cli.nats.NatsFeed;
import dev.pgpipe.cli.nats.NatsOptions;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.nats.PublisherConfig;
import dev.pgpipe.sink.buffer.BufferConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
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
    StopConditions stop = new StopConditions(maxTransactions, idleExit, System::nanoTime);
    try (DatabaseTarget target = fromEnvironment(environment) ? null : database.target()) {
      if (target != null) {
        builder.connection(target.settings());
      }
      CdcConfig config = flags.applyTo(builder, variableTables(environment)).build();
      try (GracefulStop hook = GracefulStop.install(SHUTDOWN_GRACE, stop::request)) {
        if (NatsOptions.isNatsUrl(to)) {
          return publish(config, environment, stop);
        }
        return to.equals("buffer") ? buffer(config, environment, stop) : stream(config, stop);
      }
    }
  }

  private int stream(CdcConfig config, StopConditions stop) {
    PrintWriter err = spec.commandLine().getErr();
    WriterOutputStream out = new WriterOutputStream(spec.commandLine().getOut());
    StdoutSink lines = new StdoutSink(out, perEvent, config.tuning(), System::nanoTime);
    ChangeStream stream = ChangeStream.open(config);
    try {
      stream.warnings().forEach(w -> err.println("pgpipe cdc: warning: " + w));
      err.println("pgpipe cdc: streaming " + config + (perEvent ? ", per event" : ""));
      err.flush();
      stop.watch(lines);
      lines.drain(stream, stop);
    } finally {
      stream.close();
    }
    String reason = stop.reason();
    err.printf(
        "pgpipe cdc: %s after %,d lines, %,d transactions, %,d events; confirmed %s%n",
        reason == null ? "finished" : "stopped (" + reason + ")",
        lines.lines(),
        lines.transactions(),
        lines.events(),
        Lsn.format(stream.stats().confirmedLsn()));
    err.flush();
    return 0;
  }

  /**
   * Feeds the buffer. In the source database itself only for named tables: a publication of all
   * tables would capture the buffer's own writes and feed them back forever.
   */
  private int buffer(CdcConfig config, Environment environment, StopConditions stop) {
    String url = bufferUrl;
    if (url == null && config.tables().isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "--to buffer in the source database needs --tables (or give --buffer-url)");
    }
    ConnectionSettings bufferDb = url == null ? config.connection() : ConnectionSettings.parse(url);
    BufferConfig bufferConfig = BufferConfig.fromEnvironment(environment.variables());
    return new BufferFeed(bufferConfig, stop, maxTransactions, idleExit)
        .run(config, bufferDb, config.slot(), spec.commandLine().getErr());
  }

  private int publish(CdcConfig config, Environment environment, StopConditions stop) {
    PublisherConfig publisher =
        PublisherConfig.builder().nats(nats.settings(to, environment.variables())).stream(
                nats.stream())
            .source(nats.source())
            .build();
    return NatsFeed.run(
        config, publisher, stop, maxTransactions, idleExit, spec.commandLine().getErr());
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
