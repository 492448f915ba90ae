package dev.pgpipe.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What pgpipe's metrics cost a path: the same work done in alternating rounds without metrics and
 * with them served (a Prometheus registry recording every meter), in one run, so that the machine's
 * drift falls on both sides. The figure is the ratio of the medians of the rates.
 */
public record MetricsCost(List<Double> offPerSecond, List<Double> onPerSecond) {

  /** The goal: metrics cost at most 3 % of throughput. */
  public static final double GOAL = 0.97;

  public MetricsCost {
    offPerSecond = List.copyOf(offPerSecond);
    onPerSecond = List.copyOf(onPerSecond);
    if (offPerSecond.isEmpty() || onPerSecond.isEmpty()) {
      throw new IllegalArgumentException("need at least one round each way");
    }
  }

  /** Median changes/s with metrics over median changes/s without. */
  public double ratio() {
    return median(onPerSecond) / median(offPerSecond);
  }

  /** One line: {@code what} (the path and its workload), the medians, the ratio and the goal. */
  public String line(String what, String unit) {
    return String.format(
        Locale.ROOT,
        "metrics cost, %s, %d alternating rounds each way: off %,.0f, on %,.0f %s (medians);"
            + " on / off = %.3f (goal >= %.2f: %s)",
        what,
        offPerSecond.size(),
        median(offPerSecond),
        median(onPerSecond),
        unit,
        ratio(),
        GOAL,
        ratio() >= GOAL ? "met" : "NOT met");
  }

  public Map<String, Object> json() {
    return Map.of(
        "offChangesPerSecond", offPerSecond,
        "onChangesPerSecond", onPerSecond,
        "ratio", ratio());
  }

  public static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
