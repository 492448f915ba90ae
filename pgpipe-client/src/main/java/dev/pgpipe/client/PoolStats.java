package dev.pgpipe.client;

import java.time.Duration;

/**
 * A snapshot of the pool.
 *
 * @param active connections borrowed right now
 * @param idle connections open and free
 * @param waiting callers waiting for a connection
 * @param acquisitions connections handed out since the pool opened
 * @param timeouts acquisitions that gave up at the deadline
 * @param meanAcquisitionTime mean wait for a connection
 * @param maxAcquisitionTime longest wait for a connection
 */
public record PoolStats(
    int active,
    int idle,
    int waiting,
    long acquisitions,
    long timeouts,
    Duration meanAcquisitionTime,
    Duration maxAcquisitionTime) {

  /** Connections open, borrowed or idle. */
  public int total() {
    return active + idle;
  }
}
