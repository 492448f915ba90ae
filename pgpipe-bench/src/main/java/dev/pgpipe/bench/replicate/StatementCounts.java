package dev.pgpipe.bench.replicate;

import java.util.List;

/**
 * What {@code pg_stat_statements} saw in pgpipe's target during one run: statements (sum of calls),
 * their server time (a commit's WAL flush happens after its statement and is not in it), the
 * commits, and the top statements by calls and by time.
 *
 * @param evictions entries evicted during the run; above 0 the counts are lower bounds
 */
record StatementCounts(
    long calls,
    long serverMs,
    long commits,
    long evictions,
    List<StatementCounts.Top> topByCalls,
    List<StatementCounts.Top> topByTime) {

  /** A statement (normalised text, cut short) with its calls, server time and rows. */
  record Top(String query, long calls, double totalMs, long rows) {}

  StatementCounts {
    topByCalls = List.copyOf(topByCalls);
    topByTime = List.copyOf(topByTime);
  }
}
