package dev.pgpipe.bench.nats;

/**
 * One path's figures: transactions and rows applied, seconds from the first source write to the
 * last target write, transaction lag (source transaction start → its last row written to the
 * target) p50/p99/max in seconds, and a note (the transport's own counters).
 */
record PathResult(
    String name,
    long transactions,
    long rows,
    double seconds,
    double lagP50,
    double lagP99,
    double lagMax,
    String note) {

  double transactionsPerSecond() {
    return seconds <= 0 ? 0 : transactions / seconds;
  }

  double rowsPerSecond() {
    return seconds <= 0 ? 0 : rows / seconds;
  }
}
