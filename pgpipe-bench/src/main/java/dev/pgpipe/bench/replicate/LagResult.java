package dev.pgpipe.bench.replicate;

import java.util.List;

/**
 * One path's steady run: the rate asked for and the rate the writer reached, the rows it changed,
 * the lag of its transactions and what the row-by-row check found (empty: equal).
 */
record LagResult(
    String path,
    double rate,
    double sentPerSecond,
    long rows,
    LagFigures lag,
    List<String> differences) {

  LagResult {
    differences = List.copyOf(differences);
  }
}
