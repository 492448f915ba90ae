package dev.pgpipe.bench.replicate;

import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe bench replicate}: PostgreSQL's logical replication (a subscription) and {@code
 * pgpipe replicate} side by side on one server, on the same WAL backlog, for each workload (see
 * {@link CatchUp}), and on the OLTP backlog also the change buffer and JetStream paths that {@code
 * --paths} asks for ({@link OtherPaths}); then the subscription and {@code pgpipe replicate} each
 * alone at a steady rate for lag ({@link LagRun}). Creates the databases {@value Cluster#SOURCE}
 * and one target per path ({@value Cluster#NATIVE}, {@value Cluster#PGPIPE}, {@value
 * Cluster#BUFFER}, {@value Cluster#NATS}; dropped afterwards). Counting the statements pgpipe sends
 * needs {@code pg_stat_statements} preloaded, as the embedded server does. Exits with 1 when a
 * target does not equal the source.
 */
@Command(
    name = "replicate",
    description = "PostgreSQL's subscription vs pgpipe replicate on the same backlog; lag.",
    mixinStandardHelpOptions = true)
public final class ReplicateBenchCommand implements Callable<Integer> {

  @Mixin
  @SuppressWarnings("NullAway.Init") // created by picocli with the command line's environment
  private DatabaseOptions database;

  @Option(
      names = "--workload",
      split = ",",
      description = "oltp, bulk, upsert or all (default ${DEFAULT-VALUE}).")
  private List<String> workloads = List.of("all");

  @Option(
      names = "--paths",
      split = ",",
      description = {
        "Paths also run on the OLTP backlog: buffer (cdc --to buffer + buffer process),",
        "nats (cdc --to nats + sink --from nats on a local nats-server), all or none",
        "(default ${DEFAULT-VALUE}: nats is skipped when nats-server is not installed)."
      })
  private List<String> paths = List.of("all");

  @Option(names = "--oltp-transactions", description = "Default ${DEFAULT-VALUE}.")
  private int oltpTransactions = 1_500;

  @Option(
      names = "--oltp-max-changes",
      description = "Changes per OLTP tx, 1..N (default ${DEFAULT-VALUE}).")
  private int oltpMaxChanges = 40;

  @Option(
      names = "--bulk-scale",
      description = "About 4x this many bulk row changes (default ${DEFAULT-VALUE}).")
  private long bulkScale = 80_000;

  @Option(names = "--upsert-changes", description = "Default ${DEFAULT-VALUE}.")
  private long upsertChanges = 60_000;

  @Option(names = "--upsert-keys", description = "Key space per table (default ${DEFAULT-VALUE}).")
  private int upsertKeys = 2_000;

  @Option(names = "--upsert-transaction-size", description = "Default ${DEFAULT-VALUE}.")
  private int upsertPerTransaction = 100;

  @Option(names = "--lag-rate", description = "Steady transactions/s (default ${DEFAULT-VALUE}).")
  private double lagRate = 200;

  @Option(
      names = "--lag-seconds",
      description = "Per path; 0 skips the lag phase (default ${DEFAULT-VALUE}).")
  private double lagSeconds = 10;

  @Option(
      names = "--lag-max-changes",
      description = "Changes per steady tx, 1..N (default ${DEFAULT-VALUE}).")
  private int lagMaxChanges = 10;

  @Option(names = "--batch-size", description = "pgpipe's batch size (default: the sink's).")
  private @Nullable Integer batchSize;

  @Option(
      names = "--native-synchronous-commit",
      paramLabel = "MODE",
      description = "The subscription's synchronous_commit (default: PostgreSQL's, off).")
  private @Nullable String nativeSynchronousCommit;

  @Option(
      names = "--pgpipe-synchronous-commit",
      description =
          "pgpipe replicate waits for the target's WAL flush at each commit"
              + " (POSTGRES_OUTPUT_SYNCHRONOUS_COMMIT=on; default off).")
  private boolean pgpipeSynchronousCommit;

  @Option(names = "--seed", description = "Default ${DEFAULT-VALUE}.")
  private long seed = 42;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Per wait (default ${DEFAULT-VALUE}).")
  private long timeoutSeconds = 600;

  @Option(
      names = "--explain-statements",
      description = "Print the top statements pgpipe sent, by calls and by time, per workload.")
  private boolean explain;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
  private @Nullable Path json;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public Integer call() {
    List<Workload> chosen = chosen();
    Set<String> otherNames = otherPaths(chosen);
    checkSizes();
    PrintWriter out = spec.commandLine().getOut();
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    ReplicateReport report;
    try (DatabaseTarget server = database.target();
        Cluster cluster = new Cluster(server.settings());
        OtherPaths others = OtherPaths.start(otherNames, cluster, batchSize, out)) {
      ApplyPath nativePath =
          new NativeSubscription(
              cluster.source(),
              cluster.nativeTarget(),
              Cluster.NATIVE_SLOT,
              nativeSynchronousCommit);
      ApplyPath pgpipePath =
          new PgpipeReplication(
              cluster.source(),
              cluster.pgpipeTarget(),
              Cluster.PGPIPE_SLOT,
              batchSize,
              pgpipeSynchronousCommit);
      List<WorkloadResult> results = new ArrayList<>();
      CatchUp catchUp = new CatchUp(cluster, nativePath, pgpipePath, timeout, out);
      for (Workload workload : chosen) {
        boolean oltp = workload instanceof OltpMix;
        results.add(catchUp.run(workload, oltp ? others.paths() : List.of()));
      }
      report =
          report(
              results,
              lag(cluster, List.of(nativePath, pgpipePath), timeout, out),
              others.skipped());
    }
    report.print(out, explain);
    report.writeJson(json);
    return report.equal() ? 0 : 1;
  }

  private ReplicateReport report(
      List<WorkloadResult> results, List<LagResult> lag, Map<String, String> skipped) {
    return new ReplicateReport(
        (batchSize == null ? "default" : batchSize.toString())
            + (pgpipeSynchronousCommit ? ", synchronous_commit on" : ""),
        nativeSynchronousCommit == null ? "default (off)" : nativeSynchronousCommit,
        results,
        lag,
        String.format(
            Locale.ROOT,
            "%.0f tx/s of 1-%d changes, %.0f s per path",
            lagRate,
            lagMaxChanges,
            lagSeconds),
        skipped);
  }

  private List<LagResult> lag(
      Cluster cluster, List<ApplyPath> paths, Duration timeout, PrintWriter out) {
    if (lagSeconds <= 0) {
      return List.of();
    }
    LagRun run =
        new LagRun(
            cluster,
            lagRate,
            Duration.ofMillis((long) (lagSeconds * 1000)),
            lagMaxChanges,
            timeout,
            out);
    return paths.stream().map(path -> run.run(path, seed)).toList();
  }

  private List<Workload> chosen() {
    List<Workload> chosen = new ArrayList<>();
    for (String name : workloads) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      boolean all = n.equals("all");
      if (!all && !List.of("oltp", "bulk", "upsert").contains(n)) {
        throw new ParameterException(
            spec.commandLine(), "--workload: oltp, bulk, upsert or all, not " + name);
      }
      if (all || n.equals("oltp")) {
        chosen.add(new OltpMix(oltpTransactions, oltpMaxChanges, seed));
      }
      if (all || n.equals("bulk")) {
        chosen.add(new BulkLoad(bulkScale));
      }
      if (all || n.equals("upsert")) {
        chosen.add(new UpsertMix(upsertChanges, upsertPerTransaction, upsertKeys, seed));
      }
    }
    return chosen;
  }

  /** The other paths to run: none unless the OLTP workload runs. */
  private Set<String> otherPaths(List<Workload> chosen) {
    try {
      Set<String> names = OtherPaths.parse(paths);
      return chosen.stream().anyMatch(w -> w instanceof OltpMix) ? names : Set.of();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private void checkSizes() {
    Integer size = batchSize;
    if (oltpTransactions < 1
        || oltpMaxChanges < 1
        || bulkScale < 20
        || upsertChanges < 1
        || upsertKeys < 1
        || upsertPerTransaction < 1
        || lagRate <= 0
        || lagMaxChanges < 1
        || timeoutSeconds < 1
        || (size != null && (size < 1 || size > 1000))
        || (nativeSynchronousCommit != null
            && !List.of("on", "off", "local", "remote_write", "remote_apply")
                .contains(nativeSynchronousCommit))) {
      throw new ParameterException(
          spec.commandLine(),
          "sizes must be >= 1 (--bulk-scale >= 20, --lag-rate > 0, --batch-size 1..1000),"
              + " --native-synchronous-commit on, off, local, remote_write or remote_apply");
    }
  }
}
