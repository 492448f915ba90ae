package dev.pgpipe.bench.nats;

import dev.pgpipe.bench.JsonReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The figures of one {@code bench nats} run, as a table and as JSON: the burst ({@code paths}), the
 * steady run at {@code steadyRate} transactions/s (empty when skipped) and the backlog drain (null
 * when skipped); each path of the burst and the steady run measured after {@code warmup}
 * transactions not counted (but counted in the notes).
 */
record NatsBenchReport(
    int transactions,
    int rows,
    int warmup,
    List<PathResult> paths,
    int steadyRate,
    List<PathResult> steady,
    @Nullable BacklogRun backlog) {

  NatsBenchReport {
    paths = List.copyOf(paths);
    steady = List.copyOf(steady);
  }

  void print(PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "%nbench nats: %,d transactions x %,d rows, one writer, %s; lag = source tx start -> last"
            + " row in the target (server clock)%n",
        transactions,
        rows,
        warmup == 0
            ? "each path's pipeline started fresh"
            : String.format(
                Locale.ROOT,
                "each path warmed by %,d transactions first (not in the figures; in the notes)",
                warmup));
    table(out, paths);
    if (!steady.isEmpty()) {
      out.printf(Locale.ROOT, "%nsteady: %,d transactions/s written at a fixed pace%n", steadyRate);
      table(out, steady);
    }
    BacklogRun drained = backlog;
    if (drained != null) {
      out.printf(
          Locale.ROOT,
          "%nbacklog drain: the stream held %,d transactions (%,d rows) before the sink started:"
              + " %,.0f rows/s (%.2f s); %s%n",
          drained.transactions(),
          drained.rows(),
          drained.rowsPerSecond(),
          drained.seconds(),
          drained.note());
    }
    out.flush();
  }

  private static void table(PrintWriter out, List<PathResult> paths) {
    out.printf(
        Locale.ROOT,
        "%-32s %10s %12s %10s %10s %10s %9s%n",
        "path",
        "tx/s",
        "rows/s",
        "lag p50",
        "lag p99",
        "lag max",
        "span s");
    for (PathResult p : paths) {
      out.printf(
          Locale.ROOT,
          "%-32s %,10.0f %,12.0f %8.1fms %8.1fms %8.1fms %9.2f%n",
          p.name(),
          p.transactionsPerSecond(),
          p.rowsPerSecond(),
          p.lagP50() * 1000,
          p.lagP99() * 1000,
          p.lagMax() * 1000,
          p.seconds());
    }
    for (PathResult p : paths) {
      out.printf(Locale.ROOT, "  %s: %s%n", p.name(), p.note());
    }
  }

  void writeJson(Path file) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("benchmark", "nats");
    root.put("transactions", transactions);
    root.put("rowsPerTransaction", rows);
    root.put("warmupTransactions", warmup);
    root.put("paths", json(paths));
    root.put("steadyRate", steadyRate);
    root.put("steady", json(steady));
    BacklogRun drained = backlog;
    if (drained != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("transactions", drained.transactions());
      m.put("rows", drained.rows());
      m.put("seconds", drained.seconds());
      m.put("rowsPerSecond", drained.rowsPerSecond());
      m.put("note", drained.note());
      root.put("backlog", m);
    }
    JsonReport.write(file, root);
  }

  private static List<Map<String, Object>> json(List<PathResult> paths) {
    return paths.stream()
        .map(
            p -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("name", p.name());
              m.put("transactionsPerSecond", p.transactionsPerSecond());
              m.put("rowsPerSecond", p.rowsPerSecond());
              m.put("lagP50Ms", p.lagP50() * 1000);
              m.put("lagP99Ms", p.lagP99() * 1000);
              m.put("lagMaxMs", p.lagMax() * 1000);
              m.put("spanSeconds", p.seconds());
              m.put("note", p.note());
              return m;
            })
        .toList();
  }
}
