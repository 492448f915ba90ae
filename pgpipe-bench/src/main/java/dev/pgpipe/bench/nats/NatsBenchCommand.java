package dev.pgpipe.bench.nats;

import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.nats.NatsSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
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
 * {@code pgpipe bench nats}: the same workload through {@code replicate} (source → target, no
 * broker) and through {@code cdc --to nats} → JetStream → {@code sink --from nats}, one after the
 * other in one run, each into its own table. Creates {@code pgpipe_bench_nats_src} and {@code _dst}
 * on the chosen server (dropped afterwards), starts a {@code nats-server -js} on a free loopback
 * port unless {@code --nats} names one (then credentials come from {@code NATS_*}; the benchmark's
 * stream {@code PGPIPE_BENCH} keeps messages for an hour).
 */
@Command(
    name = "nats",
    description = "Source -> JetStream -> sink vs replicate (direct): throughput, p50/p99 lag.",
    mixinStandardHelpOptions = true)
public final class NatsBenchCommand implements Callable<Integer> {

  private static final String DIRECT = "bench_direct";
  private static final String BROKER = "bench_nats";

  @Mixin
  @SuppressWarnings("NullAway.Init") // created by picocli with the command line's environment
  private DatabaseOptions database;

  @Option(
      names = "--transactions",
      description = "Transactions per path (default ${DEFAULT-VALUE}).")
  private int transactions = 20_000;

  @Option(names = "--rows", description = "Rows per transaction (default ${DEFAULT-VALUE}).")
  private int rows = 10;

  @Option(
      names = "--nats",
      paramLabel = "URL",
      description = "Use this NATS server (default: start nats-server -js on a free port).")
  private @Nullable String nats;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Give up on a path after this long (default ${DEFAULT-VALUE}).")
  private long timeoutSeconds = 600;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
  private @Nullable Path json;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public Integer call() {
    if (transactions < 1 || rows < 1 || timeoutSeconds < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--transactions, --rows and --timeout must be > 0: "
              + transactions
              + ", "
              + rows
              + ", "
              + timeoutSeconds);
    }
    if (nats == null && LocalNats.installed().isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), LocalNats.NOT_INSTALLED + ", or pass --nats nats://host:4222");
    }
    PrintWriter out = spec.commandLine().getOut();
    NatsBenchReport report;
    try (DatabaseTarget server = database.target();
        LocalNats local = nats == null ? LocalNats.start() : null;
        BenchDatabases dbs =
            BenchDatabases.create(
                server.settings(), List.of(DIRECT, BROKER), List.of(slot(DIRECT), slot(BROKER)))) {
      String url = local != null ? local.url() : String.valueOf(nats);
      out.printf(
          "bench nats: %,d transactions x %,d rows per path; NATS %s%n",
          transactions, rows, local != null ? "started on " + url : "at " + url);
      out.flush();
      report = run(dbs, url, out);
    }
    report.print(out);
    if (json != null) {
      report.writeJson(json);
    }
    return 0;
  }

  /** Both paths, direct first, on the same workload shape, each into its own table. */
  private NatsBenchReport run(BenchDatabases dbs, String url, PrintWriter out) {
    NatsSettings settings = NatsSettings.fromEnvironment(System.getenv()).servers(url).build();
    var runner = new PathRunner(dbs, transactions, rows, Duration.ofSeconds(timeoutSeconds), out);
    PathResult direct =
        runner.measure(
            "replicate (direct)",
            DIRECT,
            slot(DIRECT),
            () ->
                Pipelines.direct(
                    Pipelines.source(dbs.sourceSettings(), DIRECT, slot(DIRECT)),
                    Pipelines.sink(dbs.targetSettings(), DIRECT, "bench-direct")));
    String name = "run" + Long.toString(System.currentTimeMillis(), 36);
    PathResult broker =
        runner.measure(
            "cdc -> JetStream -> sink",
            BROKER,
            slot(BROKER),
            () ->
                BrokerPipeline.start(
                    Pipelines.source(dbs.sourceSettings(), BROKER, slot(BROKER)),
                    Pipelines.sink(dbs.targetSettings(), BROKER, name),
                    settings,
                    name));
    return new NatsBenchReport(transactions, rows, List.of(direct, broker));
  }

  private static String slot(String table) {
    return "pgpipe_" + table;
  }
}
