package dev.pgpipe.bench.replicate;

import dev.pgpipe.bench.JsonReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The figures of one {@code bench replicate} run, as tables and as JSON; {@code skipped} names the
 * other paths that were asked for but could not run, with the reason.
 */
record ReplicateReport(
    String batchSize,
    String nativeCommit,
    List<WorkloadResult> workloads,
    List<LagResult> lag,
    String lagShape,
    Map<String, String> skipped) {

  /** What the other paths are, for the table's heading. */
  static final String OTHERS =
      "buffer = cdc --to buffer + buffer process (flush interval "
          + BufferPath.FLUSH_INTERVAL.toMillis()
          + " ms), nats = cdc --to nats + sink --from nats (local nats-server, fetch wait "
          + dev.pgpipe.bench.nats.BrokerPipeline.FETCH_WAIT.toMillis()
          + " ms); both apply through the table sink";

  ReplicateReport {
    workloads = List.copyOf(workloads);
    lag = List.copyOf(lag);
    skipped = Map.copyOf(skipped);
  }

  /** Whether every target equals the source. */
  boolean equal() {
    return workloads.stream().allMatch(WorkloadResult::equal)
        && lag.stream().allMatch(l -> l.differences().isEmpty());
  }

  void print(PrintWriter out, boolean explain) {
    printWorkloads(out);
    printOthers(out);
    printLag(out);
    if (explain) {
      workloads.forEach(w -> explain(out, w));
    }
    printMismatches(out);
    out.flush();
  }

  private void printWorkloads(PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "%nbench replicate: the same WAL backlog applied by a subscription (native,"
            + " synchronous_commit %s) and by pgpipe replicate (batch size %s);"
            + " catch-up = start -> last transaction applied%n",
        nativeCommit,
        batchSize);
    out.printf(
        Locale.ROOT,
        "%-8s %7s %9s %9s %11s %9s %11s %8s %9s  %s%n",
        "workload",
        "tx",
        "rows",
        "native s",
        "native r/s",
        "pgpipe s",
        "pgpipe r/s",
        "ratio",
        "stmt/row",
        "equal");
    for (WorkloadResult w : workloads) {
      Double perRow = w.statementsPerRow();
      out.printf(
          Locale.ROOT,
          "%-8s %,7d %,9d %9.2f %,11.0f %9.2f %,11.0f %7.2fx %9s  %s%n",
          w.name(),
          w.transactions(),
          w.rows(),
          w.nativeSeconds(),
          w.nativeRowsPerSecond(),
          w.pgpipeSeconds(),
          w.pgpipeRowsPerSecond(),
          w.ratio(),
          perRow == null ? "n/a" : String.format(Locale.ROOT, "%.3f", perRow),
          w.equal() ? "yes" : "NO");
    }
  }

  private void printOthers(PrintWriter out) {
    if (workloads.stream().allMatch(w -> w.others().isEmpty()) && skipped.isEmpty()) {
      return;
    }
    out.printf(Locale.ROOT, "%nthe same backlog through the other paths (%s):%n", OTHERS);
    out.printf(
        Locale.ROOT,
        "%-8s %-8s %9s %11s %9s %9s  %s%n",
        "workload",
        "path",
        "s",
        "r/s",
        "x native",
        "x pgpipe",
        "equal");
    for (WorkloadResult w : workloads) {
      for (PathCatchUp o : w.others()) {
        out.printf(
            Locale.ROOT,
            "%-8s %-8s %9.2f %,11.0f %8.2fx %8.2fx  %s%n",
            w.name(),
            o.path(),
            o.seconds(),
            o.rowsPerSecond(w.rows()),
            w.ratio(o),
            w.pgpipeSeconds() / Math.max(1e-9, o.seconds()),
            o.differences().isEmpty() ? "yes" : "NO");
      }
    }
    new java.util.TreeMap<>(skipped)
        .forEach((path, why) -> out.printf(Locale.ROOT, "%s: skipped: %s%n", path, why));
  }

  private void printLag(PrintWriter out) {
    if (lag.isEmpty()) {
      return;
    }
    out.printf(
        Locale.ROOT, "%nlag at a steady rate (%s), applied - sent per transaction:%n", lagShape);
    out.printf(
        Locale.ROOT,
        "%-8s %9s %9s %9s %9s %9s  %s%n",
        "path",
        "tx/s",
        "rows",
        "p50 ms",
        "p99 ms",
        "max ms",
        "equal");
    for (LagResult l : lag) {
      out.printf(
          Locale.ROOT,
          "%-8s %9.1f %,9d %9.1f %9.1f %9.1f  %s%n",
          l.path(),
          l.sentPerSecond(),
          l.rows(),
          l.lag().p50Ms(),
          l.lag().p99Ms(),
          l.lag().maxMs(),
          l.differences().isEmpty() ? "yes" : "NO");
    }
  }

  private static void explain(PrintWriter out, WorkloadResult w) {
    StatementCounts counts = w.statements();
    if (counts == null) {
      out.printf(
          Locale.ROOT, "%n%s: no statement counts (pg_stat_statements not loaded)%n", w.name());
      return;
    }
    out.printf(
        Locale.ROOT,
        "%n%s: %,d statements in pgpipe's target for %,d row changes, %,d commits, %,d ms in"
            + " statements on the server (commit flushes not included)%s%n",
        w.name(),
        counts.calls(),
        w.rows(),
        counts.commits(),
        counts.serverMs(),
        counts.evictions() > 0 ? " (lower bounds: " + counts.evictions() + " evictions)" : "");
    out.printf(Locale.ROOT, "  top %d by calls:%n", counts.topByCalls().size());
    counts.topByCalls().forEach(t -> top(out, t));
    out.printf(Locale.ROOT, "  top %d by server time:%n", counts.topByTime().size());
    counts.topByTime().forEach(t -> top(out, t));
  }

  private static void top(PrintWriter out, StatementCounts.Top t) {
    out.printf(
        Locale.ROOT,
        "  %,9d calls %9.1f ms %,9d rows  %s%n",
        t.calls(),
        t.totalMs(),
        t.rows(),
        t.query());
  }

  private void printMismatches(PrintWriter out) {
    for (WorkloadResult w : workloads) {
      w.nativeDifferences().forEach(d -> out.println("MISMATCH " + w.name() + " native: " + d));
      w.pgpipeDifferences().forEach(d -> out.println("MISMATCH " + w.name() + " pgpipe: " + d));
      for (PathCatchUp o : w.others()) {
        o.differences()
            .forEach(d -> out.println("MISMATCH " + w.name() + " " + o.path() + ": " + d));
      }
    }
    for (LagResult l : lag) {
      l.differences().forEach(d -> out.println("MISMATCH lag " + l.path() + ": " + d));
    }
  }

  void writeJson(@Nullable Path file) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("benchmark", "replicate");
    root.put("batch_size", batchSize);
    root.put("native_synchronous_commit", nativeCommit);
    root.put("workloads", workloads.stream().map(ReplicateReport::json).toList());
    Map<String, Object> lags = new LinkedHashMap<>();
    lags.put("shape", lagShape);
    for (LagResult l : lag) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tx_per_s", l.sentPerSecond());
      m.put("rows", l.rows());
      m.put("ticks", l.lag().ticks());
      m.put("p50_ms", l.lag().p50Ms());
      m.put("p99_ms", l.lag().p99Ms());
      m.put("max_ms", l.lag().maxMs());
      m.put("equal", l.differences().isEmpty());
      lags.put(l.path(), m);
    }
    root.put("lag", lags);
    root.put("paths_skipped", new java.util.TreeMap<>(skipped));
    root.put("equal", equal());
    JsonReport.write(file, root);
  }

  private static Map<String, @Nullable Object> json(WorkloadResult w) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("name", w.name());
    m.put("rows", w.rows());
    m.put("native_s", w.nativeSeconds());
    m.put("pgpipe_s", w.pgpipeSeconds());
    m.put("statements_per_row", w.statementsPerRow());
    m.put("transactions", w.transactions());
    m.put("native_rows_per_s", w.nativeRowsPerSecond());
    m.put("pgpipe_rows_per_s", w.pgpipeRowsPerSecond());
    m.put("ratio", w.ratio());
    StatementCounts counts = w.statements();
    m.put("statements", counts == null ? null : counts.calls());
    m.put("target_commits", counts == null ? null : counts.commits());
    m.put("target_statement_ms", counts == null ? null : counts.serverMs());
    m.put("native_equal", w.nativeDifferences().isEmpty());
    m.put("pgpipe_equal", w.pgpipeDifferences().isEmpty());
    for (PathCatchUp o : w.others()) {
      m.put(o.path() + "_s", o.seconds());
      m.put(o.path() + "_rows_per_s", o.rowsPerSecond(w.rows()));
      m.put(o.path() + "_ratio", w.ratio(o));
      m.put(o.path() + "_equal", o.differences().isEmpty());
    }
    return m;
  }
}
