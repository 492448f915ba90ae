package dev.pgpipe.bench.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What pgpipe's metrics cost the set-based apply: the same changes applied in alternating rounds
 * without metrics and with them served (a Prometheus registry recording every meter), in one run,
 * so that the machine's drift falls on both sides. The figure is the ratio of the medians.
 */
record MetricsCost(List<Double> offPerSecond, List<Double> onPerSecond) {

  /** The goal: metrics cost at most 3 % of throughput. */
  static final double GOAL = 0.97;

  MetricsCost {
    offPerSecond = List.copyOf(offPerSecond);
    onPerSecond = List.copyOf(onPerSecond);
    if (offPerSecond.isEmpty() || onPerSecond.isEmpty()) {
      throw new IllegalArgumentException("need at least one round each way");
    }
  }

  /** Median changes/s with metrics over median changes/s without. */
  double ratio() {
    return median(onPerSecond) / median(offPerSecond);
  }

  String line() {
    return String.format(
        Locale.ROOT,
        "metrics cost, set-based on the uniform workload, %d alternating rounds each way: off"
            + " %,.0f, on %,.0f changes/s (medians); on / off = %.3f (goal >= %.2f: %s)",
        offPerSecond.size(),
        median(offPerSecond),
        median(onPerSecond),
        ratio(),
        GOAL,
        ratio() >= GOAL ? "met" : "NOT met");
  }

  Map<String, Object> json() {
    return Map.of(
        "offChangesPerSecond", offPerSecond,
        "onChangesPerSecond", onPerSecond,
        "ratio", ratio());
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
