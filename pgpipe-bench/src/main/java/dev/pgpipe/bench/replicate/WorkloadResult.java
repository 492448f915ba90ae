package dev.pgpipe.bench.replicate;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One workload's figures: the backlog (transactions, row changes), each path's catch-up seconds
 * (enabling or starting it → the last transaction applied, on the server's clock), the statements
 * {@code pgpipe} sent to its target (null without {@code pg_stat_statements}), what the row-by-row
 * check found in each target (empty: equal), and the other paths that ran on the same backlog.
 */
record WorkloadResult(
    String name,
    long transactions,
    long rows,
    double nativeSeconds,
    double pgpipeSeconds,
    @Nullable StatementCounts statements,
    List<String> nativeDifferences,
    List<String> pgpipeDifferences,
    List<PathCatchUp> others) {

  WorkloadResult {
    nativeDifferences = List.copyOf(nativeDifferences);
    pgpipeDifferences = List.copyOf(pgpipeDifferences);
    others = List.copyOf(others);
  }

  double nativeRowsPerSecond() {
    return rows / Math.max(1e-9, nativeSeconds);
  }

  double pgpipeRowsPerSecond() {
    return rows / Math.max(1e-9, pgpipeSeconds);
  }

  /** pgpipe's rows/s over native's: above 1 when pgpipe is faster. */
  double ratio() {
    return pgpipeRowsPerSecond() / nativeRowsPerSecond();
  }

  /** An other path's rows/s over native's. */
  double ratio(PathCatchUp other) {
    return other.rowsPerSecond(rows) / nativeRowsPerSecond();
  }

  @Nullable Double statementsPerRow() {
    StatementCounts counts = statements;
    return counts == null || rows == 0 ? null : (double) counts.calls() / rows;
  }

  boolean equal() {
    return nativeDifferences.isEmpty()
        && pgpipeDifferences.isEmpty()
        && others.stream().allMatch(o -> o.differences().isEmpty());
  }
}
