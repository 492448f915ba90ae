package dev.pgpipe.bench.sink;

import dev.pgpipe.bench.JsonReport;
import dev.pgpipe.bench.MetricsCost;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The figures of {@code pgpipe bench sink}: both apply paths on the same changes of each workload,
 * their ratio against the goal (set-based at least 5 times the batched statements), what metrics
 * cost the set-based path, and the end-to-end run.
 */
record SinkReport(
    int perTransaction,
    int perBatch,
    int rounds,
    List<PathRun> runs,
    @Nullable MetricsCost metricsCost,
    EndToEnd.@Nullable Result endToEnd) {

  static final double GOAL = 5.0;

  SinkReport {
    runs = List.copyOf(runs);
  }

  void print(PrintWriter out) {
    runs.forEach(run -> print(out, run));
    MetricsCost cost = metricsCost;
    if (cost != null) {
      out.println(cost.line("set-based on the uniform workload", "changes/s"));
    }
    EndToEnd.Result e = endToEnd;
    if (e != null) {
      out.printf(
          Locale.ROOT,
          "replicate end to end: %,d changes in %,d transactions, source commit -> target commit"
              + " in %.2f s: %,.0f rows/s; lag mean %d ms, max %d ms; target equals source%n",
          e.changes(),
          e.transactions(),
          PathRun.seconds(e.elapsed()),
          e.perSecond(),
          e.lagMean().toMillis(),
          e.lagMax().toMillis());
    }
    out.flush();
  }

  private static void print(PrintWriter out, PathRun run) {
    out.printf(
        Locale.ROOT,
        "workload %s: %,d changes on %,d distinct keys per target transaction, summed (%.2f"
            + " changes per key); the statement path sends them in %,d executeBatch calls; each"
            + " time below is the median of its rounds%n",
        run.shape().label(),
        run.changes(),
        run.facts().distinctKeys(),
        run.changesPerKey(),
        run.facts().statementBatches());
    line(out, "set-based (the sink's apply paths)", run, run.setBased());
    line(out, "batched prepared upserts (executeBatch)", run, run.statements());
    Duration ceiling = run.ceiling();
    if (ceiling != null) {
      line(out, "ceiling: ON CONFLICT + COMMIT alone", run, ceiling);
      out.printf(
          Locale.ROOT,
          "  ceiling / batched statements: %.2fx (any set-based apply on this server)%n",
          PathRun.seconds(run.statements()) / PathRun.seconds(ceiling));
    }
    out.printf(
        Locale.ROOT,
        "  set-based / batched statements: %.2fx (goal >= %.0fx: %s); both tables equal (%s)%n",
        run.ratio(),
        GOAL,
        run.ratio() >= GOAL ? "met" : "NOT met",
        run.checksum());
  }

  private static void line(PrintWriter out, String label, PathRun run, Duration time) {
    out.printf(
        Locale.ROOT,
        "  %-42s %,9d changes in %7.2f s: %,10.0f changes/s%n",
        label,
        run.changes(),
        PathRun.seconds(time),
        run.changes() / PathRun.seconds(time));
  }

  void writeJson(Path file) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("changesPerTransaction", perTransaction);
    json.put("changesPerApply", perBatch);
    json.put("rounds", rounds);
    json.put("goal", GOAL);
    json.put("workloads", runs.stream().map(PathRun::json).toList());
    MetricsCost cost = metricsCost;
    if (cost != null) {
      json.put("metricsCost", cost.json());
    }
    EndToEnd.Result e = endToEnd;
    if (e != null) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("changes", e.changes());
      r.put("transactions", e.transactions());
      r.put("seconds", PathRun.seconds(e.elapsed()));
      r.put("rowsPerSecond", e.perSecond());
      r.put("lagMeanMillis", e.lagMean().toMillis());
      r.put("lagMaxMillis", e.lagMax().toMillis());
      json.put("replicate", r);
    }
    JsonReport.write(file, json);
  }
}
