package dev.pgpipe.copy;

/**
 * When a {@link BatchWriter}'s batch is full or due, and how much memory its pending batches may
 * hold.
 *
 * @param maxRows rows that fill a batch
 * @param maxBytes encoded bytes that fill a batch
 * @param intervalNanos how long a batch's first row may wait before the batch is due
 * @param maxPendingBytes the buffers of rows not yet committed, at most
 * @param high pending bytes at which the source is asked to suspend (-1: never)
 * @param low pending bytes at which a suspended source is asked to resume
 */
record WriterLimits(
    int maxRows, int maxBytes, long intervalNanos, long maxPendingBytes, long high, long low) {

  private static final int ROW_SLACK = 64 << 10;

  WriterLimits {
    if (maxRows <= 0 || maxBytes <= 0 || intervalNanos <= 0 || maxPendingBytes <= 0) {
      throw new IllegalArgumentException(
          "batch limits must be positive: maxRows "
              + maxRows
              + ", maxBytes "
              + maxBytes
              + ", flush interval "
              + intervalNanos
              + " ns, maxPendingBytes "
              + maxPendingBytes);
    }
  }

  static WriterLimits of(BatchWriterBuilder<?> options) {
    return new WriterLimits(
        options.maxRows,
        options.maxBytes,
        options.flushInterval.toNanos(),
        options.maxPendingBytes,
        options.highWatermark,
        options.lowWatermark);
  }

  /** Bytes of a batch's buffer: a full batch and the slack of the row that filled it. */
  int bufferCapacity() {
    return capacityFor(maxBytes);
  }

  static int capacityFor(int maxBytes) {
    return maxBytes + ROW_SLACK;
  }

  boolean isFull(Batch<?> batch) {
    return batch.rows() >= maxRows || batch.bytes() >= maxBytes;
  }

  /** Whether the batch's first row has waited the flush interval at {@code nowNanos}. */
  boolean isDue(Batch<?> batch, long nowNanos) {
    return batch.rows() > 0 && nowNanos - batch.firstRowNanos() >= intervalNanos;
  }
}
