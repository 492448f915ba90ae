package dev.pgpipe.bench.copy;

/**
 * One timed load of the benchmark.
 *
 * @param variant {@code pgpipe_1}, {@code pgpipe_k}, {@code csv_text}, {@code insert_batched} or
 *     {@code server_file}
 * @param primaryKey whether the table had its primary key during the load
 * @param rows rows loaded (checked on the server)
 * @param nanos wall-clock time of the load
 * @param cpuNanos CPU time this JVM used during the load, all threads
 */
record Load(String variant, boolean primaryKey, long rows, long nanos, long cpuNanos) {

  Load {
    if (rows < 0 || nanos <= 0 || cpuNanos < 0) {
      throw new IllegalArgumentException(
          "a load needs rows >= 0, nanos > 0, cpu >= 0: " + rows + ", " + nanos + ", " + cpuNanos);
    }
  }

  double rowsPerSecond() {
    return rows * 1e9 / nanos;
  }

  /** Cores the JVM kept busy on average: its CPU time over the wall-clock time. */
  double clientCores() {
    return (double) cpuNanos / nanos;
  }

  double seconds() {
    return nanos / 1e9;
  }
}
