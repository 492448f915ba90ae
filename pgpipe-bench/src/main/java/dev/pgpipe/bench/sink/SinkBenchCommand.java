package dev.pgpipe.bench.sink;

import dev.pgpipe.bench.MetricsCost;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.cli.spi.MetricsEndpoint;
import dev.pgpipe.client.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * {@code pgpipe bench sink}: changes per second of the table sink's set-based apply (staging COPY,
 * then {@code INSERT ... ON CONFLICT}, ledger in the same transaction) against batched prepared
 * upserts ({@code executeBatch}) on the same changes in the same target transactions, each into a
 * fresh table after an untimed warm-up, for each {@link SinkWorkload.Shape}; both tables must end
 * equal. Then {@code replicate} end to end into a second database on the same server (source commit
 * to target commit) with its lag. The server needs {@code wal_level=logical} for that part ({@code
 * --e2e-changes 0} skips it).
 */
@Command(
    name = "sink",
    description = "Table sink: set-based upserts vs batched statements; replicate end to end.",
    mixinStandardHelpOptions = true)
public final class SinkBenchCommand implements Callable<Integer> {

  @Mixin
  @SuppressWarnings("NullAway.Init") // created by picocli with the command line's environment
  private DatabaseOptions database;

  @Option(names = "--changes", description = "Changes per apply path (default ${DEFAULT-VALUE}).")
  private int changes = 200_000;

  @Option(
      names = "--transaction-size",
      description = "Changes per source transaction (default ${DEFAULT-VALUE}).")
  private int perTransaction = 100;

  @Option(
      names = "--batch",
      description = "Changes per target transaction, 1..1000 (default ${DEFAULT-VALUE}).")
  private int perBatch = 1000;

  @Option(
      names = "--workload",
      split = ",",
      description = "Workloads to run: uniform, orders (default: both).")
  private List<SinkWorkload.Shape> shapes = List.of(SinkWorkload.Shape.values());

  @Option(
      names = "--live",
      description = "Open rows of the orders workload (default ${DEFAULT-VALUE}).")
  private int live = 1000;

  @Option(
      names = "--warmup",
      description = "Changes each path applies untimed first (default ${DEFAULT-VALUE}).")
  private int warmup = 20_000;

  @Option(
      names = "--rounds",
      description =
          "Rounds of the timed paths, alternating; each figure is the median of its rounds"
              + " (default ${DEFAULT-VALUE}: a single round varies by about 10 %%).")
  private int rounds = 5;

  @Option(
      names = "--e2e-changes",
      description = "Changes of the replicate run, 0 to skip it (default ${DEFAULT-VALUE}).")
  private int e2eChanges = 200_000;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
  private @Nullable Path json;

  @Option(
      names = "--metrics-rounds",
      description =
          "Rounds of the set-based path without and with metrics, alternating, to measure what"
              + " metrics cost; 0 skips (default ${DEFAULT-VALUE}: single rounds vary by about"
              + " 10 %%, so telling a 3 %% cost from noise takes some 30 each way, about 2 minutes).")
  private int metricsRounds = 30;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public Integer call() {
    checkArguments();
    PrintWriter out = spec.commandLine().getOut();
    SinkReport report;
    try (DatabaseTarget target = database.target();
        Database db = target.open(4)) {
      ApplyPaths paths = new ApplyPaths(db, perTransaction, perBatch, live);
      try {
        List<PathRun> runs = measure(paths, db, out);
        MetricsCost cost = metricsRounds > 0 ? metricsCost(paths, out) : null;
        EndToEnd.Result e2e = null;
        if (e2eChanges > 0) {
          out.printf("replicate end to end: %,d changes into a second database ...%n", e2eChanges);
          out.flush();
          e2e = new EndToEnd(target.settings(), db).run(e2eChanges, perTransaction);
        }
        report = new SinkReport(perTransaction, perBatch, rounds, runs, cost, e2e);
      } finally {
        paths.drop(ApplyPaths.SET_TABLE);
        paths.drop(ApplyPaths.STATEMENT_TABLE);
        paths.drop(ApplyPaths.CEILING_TABLE);
      }
    }
    report.print(out);
    Path file = json;
    if (file != null) {
      report.writeJson(file);
    }
    return 0;
  }

  private void checkArguments() {
    if (changes < 1
        || perTransaction < 1
        || perBatch < 1
        || perBatch > 1000
        || warmup < 0
        || live < 1
        || rounds < 1
        || metricsRounds < 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--changes, --transaction-size, --live, --rounds > 0, --batch 1..1000, --warmup,"
              + " --metrics-rounds >= 0: "
              + changes
              + ", "
              + perTransaction
              + ", "
              + perBatch
              + ", "
              + warmup
              + ", "
              + live
              + ", "
              + rounds
              + ", "
              + metricsRounds);
    }
  }

  private List<PathRun> measure(ApplyPaths paths, Database db, PrintWriter out) {
    List<PathRun> runs = new ArrayList<>();
    for (SinkWorkload.Shape shape : shapes) {
      runs.add(measure(paths, db, out, shape));
    }
    return runs;
  }

  private PathRun measure(
      ApplyPaths paths, Database db, PrintWriter out, SinkWorkload.Shape shape) {
    warmUp(paths, out, shape);
    out.printf(
        "%s: applying %,d changes in transactions of %,d, %,d per target transaction, %d rounds"
            + " ...%n",
        shape.label(), changes, perTransaction, perBatch, rounds);
    out.flush();
    List<Duration> sets = new ArrayList<>();
    List<Duration> batched = new ArrayList<>();
    List<Duration> ceilings = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      sets.add(paths.setBased(ApplyPaths.SET_TABLE, changes, shape));
      batched.add(paths.statements(ApplyPaths.STATEMENT_TABLE, changes, shape));
      if (shape == SinkWorkload.Shape.UNIFORM) {
        ceilings.add(paths.ceiling(ApplyPaths.CEILING_TABLE, changes, shape));
      }
    }
    Duration set = median(sets);
    Duration statements = median(batched);
    String a = ApplyCheck.checksum(db, ApplyPaths.SET_TABLE);
    String b = ApplyCheck.checksum(db, ApplyPaths.STATEMENT_TABLE);
    if (!a.equals(b)) {
      throw new IllegalStateException(
          "the two paths disagree on " + shape.label() + ": " + a + " vs " + b);
    }
    Duration ceiling = null;
    if (shape == SinkWorkload.Shape.UNIFORM) {
      ceiling = median(ceilings);
      String c = ApplyCheck.checksum(db, ApplyPaths.CEILING_TABLE);
      if (!a.equals(c)) {
        throw new IllegalStateException("the ceiling run disagrees: " + a + " vs " + c);
      }
    }
    return new PathRun(shape, changes, paths.facts(changes, shape), set, statements, a, ceiling);
  }

  private void warmUp(ApplyPaths paths, PrintWriter out, SinkWorkload.Shape shape) {
    if (warmup > 0) {
      out.printf("%s: warming up both paths on %,d changes (untimed) ...%n", shape.label(), warmup);
      out.flush();
      paths.setBased(ApplyPaths.SET_TABLE, warmup, shape);
      paths.statements(ApplyPaths.STATEMENT_TABLE, warmup, shape);
      if (shape == SinkWorkload.Shape.UNIFORM) {
        paths.ceiling(ApplyPaths.CEILING_TABLE, warmup, shape);
      }
    }
  }

  /** The median of {@code times}, as {@link MetricsCost#median} takes it. */
  private static Duration median(List<Duration> times) {
    return Duration.ofNanos(
        Math.round(MetricsCost.median(times.stream().map(t -> (double) t.toNanos()).toList())));
  }

  private MetricsCost metricsCost(ApplyPaths paths, PrintWriter out) {
    out.printf(
        "metrics cost: the set-based path %d times each way, without and with metrics in the"
            + " order off, on, on, off ...%n",
        metricsRounds);
    out.flush();
    SinkWorkload.Shape shape = SinkWorkload.Shape.UNIFORM;
    List<Double> off = new ArrayList<>();
    List<Double> on = new ArrayList<>();
    for (int leg = 0; leg < 2 * metricsRounds; leg++) {
      boolean metered = leg % 4 == 1 || leg % 4 == 2; // off, on, on, off, ...: drift falls on both
      try (MetricsEndpoint metrics = metered ? MetricsEndpoint.serve("bench-sink") : null) {
        Duration time = paths.setBased(ApplyPaths.SET_TABLE, changes, shape);
        (metered ? on : off).add(changes / PathRun.seconds(time));
      }
    }
    return new MetricsCost(off, on);
  }
}
