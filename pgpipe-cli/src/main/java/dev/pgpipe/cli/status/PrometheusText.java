package dev.pgpipe.cli.status;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Samples of a Prometheus text exposition, summed or maxed by metric name over all label sets.
 * Comment lines are skipped; a line that does not parse is ignored (the text is a server's).
 */
public record PrometheusText(Map<String, double[]> byName) {

  /** Parses {@code text}: per name, the sum and the maximum of its samples. */
  public static PrometheusText parse(String text) {
    Map<String, double[]> byName = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      if (space <= 0) {
        continue;
      }
      String name = line.substring(0, brace > 0 && brace < space ? brace : line.indexOf(' '));
      try {
        double value = Double.parseDouble(line.substring(space + 1).strip());
        double[] sumMax =
            byName.computeIfAbsent(name, n -> new double[] {0, Double.NEGATIVE_INFINITY});
        sumMax[0] += value;
        sumMax[1] = Math.max(sumMax[1], value);
      } catch (NumberFormatException e) {
        // not a sample line
      }
    }
    return new PrometheusText(byName);
  }

  /** The sum of {@code name}'s samples over all label sets; empty when there is none. */
  public OptionalDouble sum(String name) {
    double[] sumMax = byName.get(name);
    return sumMax == null ? OptionalDouble.empty() : OptionalDouble.of(sumMax[0]);
  }

  OptionalDouble max(String name) {
    double[] sumMax = byName.get(name);
    return sumMax == null ? OptionalDouble.empty() : OptionalDouble.of(sumMax[1]);
  }
}
