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
 * stream {@code PGPIPE_BENCH} keeps messages for an hour). Three runs: a burst (the workload flat
 * out), a steady rate ({@code --steady-rate} transactions/s for {@code --steady-seconds}, the lag a
 * user feels when the pipeline keeps up), and a backlog drain (the stream holds {@code --backlog}
 * transactions before the sink starts: how fast it catches up).
 */
@Command(
    name = "nats",
    description = "Source -> JetStream -> sink vs replicate (direct): throughput, p50/p99 lag.",
    mixinStandardHelpOptions = true)
public final class NatsBenchCommand implements Callable<Integer> {

  private static final String DIRECT = "bench_direct";
  private static final String BROKER = "bench_nats";
  private static final String DIRECT_STEADY = "bench_direct_steady";
  private static final String BROKER_STEADY = "bench_nats_steady";
  private static final String BACKLOG = "bench_nats_backlog";
  private static final List<String> TABLES =
      List.of(DIRECT, BROKER, DIRECT_STEADY, BROKER_STEADY, BACKLOG);

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
      names = "--warmup",
      paramLabel = "N",
      description =
          "Before the burst and the steady run, send N transactions through each path and wait"
              + " for them, not counted: a pipeline that has run a while rather than one just"
              + " started (default ${DEFAULT-VALUE}; the backlog drain is not warmed).")
  private int warmup = 0;

  @Option(
      names = "--steady-rate",
      paramLabel = "TX_PER_S",
      description =
          "Steady run: this many transactions/s through both paths, lag measured (default"
              + " ${DEFAULT-VALUE}; 0 skips it).")
  private int steadyRate = 500;

  @Option(
      names = "--steady-seconds",
      paramLabel = "S",
      description = "How long the steady run writes (default ${DEFAULT-VALUE}).")
  private int steadySeconds = 20;

  @Option(
      names = "--backlog",
      paramLabel = "N",
      description =
          "Backlog drain: the stream holds N transactions before the sink starts (default"
              + " ${DEFAULT-VALUE}; 0 skips it).")
  private int backlog = 100_000;

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
    checkArguments();
    PrintWriter out = spec.commandLine().getOut();
    NatsBenchReport report;
    try (DatabaseTarget server = database.target();
        LocalNats local = nats == null ? LocalNats.start() : null;
        BenchDatabases dbs =
            BenchDatabases.create(
                server.settings(), TABLES, TABLES.stream().map(NatsBenchCommand::slot).toList())) {
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

  private void checkArguments() {
    if (steadyRate < 0 || steadySeconds < 1 || backlog < 0 || warmup < 0) {
      throw new ParameterException(
          spec.commandLine(),
          "need --steady-rate >= 0, --steady-seconds >= 1, --backlog >= 0, --warmup >= 0: "
              + steadyRate
              + ", "
              + steadySeconds
              + ", "
              + backlog
              + ", "
              + warmup);
    }
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
  }

  /** Both paths, direct first, on the same workload shape, each into its own table. */
  private NatsBenchReport run(BenchDatabases dbs, String url, PrintWriter out) {
    NatsSettings settings = NatsSettings.fromEnvironment(System.getenv()).servers(url).build();
    var runner =
        new PathRunner(dbs, transactions, rows, warmup, Duration.ofSeconds(timeoutSeconds), out);
    String run = Long.toString(System.currentTimeMillis(), 36);
    List<PathResult> burst = pair(runner, dbs, settings, DIRECT, BROKER, "run" + run, 0);
    List<PathResult> steady =
        steadyRate == 0
            ? List.of()
            : pair(runner, dbs, settings, DIRECT_STEADY, BROKER_STEADY, "steady" + run, steadyRate);
    BacklogRun drained =
        backlog == 0
            ? null
            : BacklogRun.measure(
                runner, dbs, BACKLOG, slot(BACKLOG), settings, "backlog" + run, backlog, rows);
    return new NatsBenchReport(transactions, rows, warmup, burst, steadyRate, steady, drained);
  }

  /**
   * The direct path into {@code directTable}, then JetStream into {@code brokerTable} (source name
   * {@code name}), at {@code rate} transactions/s (0: flat out, {@code --transactions} of them;
   * else for {@code --steady-seconds}).
   */
  private List<PathResult> pair(
      PathRunner runner,
      BenchDatabases dbs,
      NatsSettings settings,
      String directTable,
      String brokerTable,
      String name,
      int rate) {
    int count = rate == 0 ? transactions : rate * steadySeconds;
    String suffix = rate == 0 ? "" : " @" + rate + "/s";
    PathResult direct =
        runner.measure(
            "replicate (direct)" + suffix,
            directTable,
            slot(directTable),
            () ->
                Pipelines.direct(
                    Pipelines.source(dbs.sourceSettings(), directTable, slot(directTable)),
                    Pipelines.sink(dbs.targetSettings(), directTable, "bench-direct-" + name)),
            rate,
            count);
    PathResult broker =
        runner.measure(
            "cdc -> JetStream -> sink" + suffix,
            brokerTable,
            slot(brokerTable),
            () ->
                BrokerPipeline.start(
                    Pipelines.source(dbs.sourceSettings(), brokerTable, slot(brokerTable)),
                    Pipelines.sink(dbs.targetSettings(), brokerTable, name),
                    settings,
                    name),
            rate,
            count);
    return List.of(direct, broker);
  }

  private static String slot(String table) {
    return "pgpipe_" + table;
  }
}
