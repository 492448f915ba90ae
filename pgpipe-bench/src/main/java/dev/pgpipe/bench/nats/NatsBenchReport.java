package dev.pgpipe.bench.nats;

import dev.pgpipe.bench.JsonReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one {@code bench nats} run, as a table and as JSON. */
record NatsBenchReport(int transactions, int rows, List<PathResult> paths) {

  NatsBenchReport {
    paths = List.copyOf(paths);
  }

  void print(PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "%nbench nats: %,d transactions x %,d rows, one writer, lag = source tx start -> last row"
            + " in the target (server clock)%n",
        transactions,
        rows);
    out.printf(
        Locale.ROOT,
        "%-26s %10s %12s %10s %10s %10s %9s%n",
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
          "%-26s %,10.0f %,12.0f %8.1fms %8.1fms %8.1fms %9.2f%n",
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
    out.flush();
  }

  void writeJson(Path file) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("benchmark", "nats");
    root.put("transactions", transactions);
    root.put("rowsPerTransaction", rows);
    root.put(
        "paths",
        paths.stream()
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
            .toList());
    JsonReport.write(file, root);
  }
}
