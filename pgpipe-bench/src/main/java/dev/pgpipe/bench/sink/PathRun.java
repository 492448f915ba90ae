package dev.pgpipe.bench.sink;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Both apply paths on one workload: their times for the same changes, the {@link WorkloadFacts}
 * behind them, the tables' checksum, and for a workload without deletes the {@link UpsertCeiling}
 * of any set-based apply.
 */
record PathRun(
    SinkWorkload.Shape shape,
    int changes,
    WorkloadFacts facts,
    Duration setBased,
    Duration statements,
    String checksum,
    @Nullable Duration ceiling) {

  /** Changes per distinct key and target transaction: what netting saves the set-based path. */
  double changesPerKey() {
    return changes / (double) Math.max(1, facts.distinctKeys());
  }

  double setPerSecond() {
    return changes / seconds(setBased);
  }

  double statementsPerSecond() {
    return changes / seconds(statements);
  }

  double ratio() {
    return setPerSecond() / statementsPerSecond();
  }

  Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("workload", shape.label());
    json.put("changes", changes);
    json.put("distinctKeys", facts.distinctKeys());
    json.put("statementBatches", facts.statementBatches());
    json.put("setBased", Map.of("seconds", seconds(setBased), "changesPerSecond", setPerSecond()));
    json.put(
        "batchedStatements",
        Map.of("seconds", seconds(statements), "changesPerSecond", statementsPerSecond()));
    json.put("ratio", ratio());
    json.put("checksum", checksum);
    Duration upsertOnly = ceiling;
    if (upsertOnly != null) {
      json.put(
          "ceiling",
          Map.of(
              "seconds",
              seconds(upsertOnly),
              "changesPerSecond",
              changes / seconds(upsertOnly),
              "ratio",
              seconds(statements) / seconds(upsertOnly)));
    }
    return json;
  }

  static double seconds(Duration d) {
    return Math.max(1e-9, d.toNanos() / 1e9);
  }
}
