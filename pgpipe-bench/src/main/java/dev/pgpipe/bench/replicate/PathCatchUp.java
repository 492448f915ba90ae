package dev.pgpipe.bench.replicate;

import java.util.List;

/**
 * One more apply path's catch-up on a workload's backlog (besides the subscription and {@code
 * pgpipe replicate}): its name, its seconds (start → the marker applied, on the server's clock) and
 * what the row-by-row check of its target found (empty: equal).
 */
record PathCatchUp(String path, double seconds, List<String> differences) {

  PathCatchUp {
    differences = List.copyOf(differences);
  }

  double rowsPerSecond(long rows) {
    return rows / Math.max(1e-9, seconds);
  }
}
