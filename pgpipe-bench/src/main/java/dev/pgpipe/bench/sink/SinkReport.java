package dev.pgpipe.bench.sink;

import dev.pgpipe.bench.JsonReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The figures of {@code pgpipe bench sink}: both apply paths on the same changes, their ratio
 * against the goal (set-based at least 5 times the batched statements), and the end-to-end run.
 */
record SinkReport(
    int changes,
    int perTransaction,
    int perBatch,
    Duration setBased,
    Duration statements,
    String checksum,
    EndToEnd.@Nullable Result endToEnd) {

  static final double GOAL = 5.0;

  double setPerSecond() {
    return changes / seconds(setBased);
  }

  double statementsPerSecond() {
    return changes / seconds(statements);
  }

  double ratio() {
    return setPerSecond() / statementsPerSecond();
  }

  void print(PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "%-44s %,9d changes in %7.2f s: %,10.0f upserts/s%n",
        "set-based (staging COPY + ON CONFLICT)",
        changes,
        seconds(setBased),
        setPerSecond());
    out.printf(
        Locale.ROOT,
        "%-44s %,9d changes in %7.2f s: %,10.0f upserts/s%n",
        "batched prepared upserts (executeBatch)",
        changes,
        seconds(statements),
        statementsPerSecond());
    out.printf(
        Locale.ROOT,
        "set-based / batched statements: %.1fx (goal >= %.0fx: %s); both tables equal (%s)%n",
        ratio(),
        GOAL,
        ratio() >= GOAL ? "met" : "NOT met",
        checksum);
    EndToEnd.Result e = endToEnd;
    if (e != null) {
      out.printf(
          Locale.ROOT,
          "replicate end to end: %,d changes in %,d transactions, source commit -> target commit"
              + " in %.2f s: %,.0f rows/s; lag mean %d ms, max %d ms; target equals source%n",
          e.changes(),
          e.transactions(),
          seconds(e.elapsed()),
          e.perSecond(),
          e.lagMean().toMillis(),
          e.lagMax().toMillis());
    }
    out.flush();
  }

  void writeJson(Path file) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("changes", changes);
    json.put("changesPerTransaction", perTransaction);
    json.put("changesPerApply", perBatch);
    json.put("setBased", Map.of("seconds", seconds(setBased), "upsertsPerSecond", setPerSecond()));
    json.put(
        "batchedStatements",
        Map.of("seconds", seconds(statements), "upsertsPerSecond", statementsPerSecond()));
    json.put("ratio", ratio());
    json.put("goal", GOAL);
    json.put("checksum", checksum);
    EndToEnd.Result e = endToEnd;
    if (e != null) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("changes", e.changes());
      r.put("transactions", e.transactions());
      r.put("seconds", seconds(e.elapsed()));
      r.put("rowsPerSecond", e.perSecond());
      r.put("lagMeanMillis", e.lagMean().toMillis());
      r.put("lagMaxMillis", e.lagMax().toMillis());
      json.put("replicate", r);
    }
    JsonReport.write(file, json);
  }

  private static double seconds(Duration d) {
    return Math.max(1e-9, d.toNanos() / 1e9);
  }
}
