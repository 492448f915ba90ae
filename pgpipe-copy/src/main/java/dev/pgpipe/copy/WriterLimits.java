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

  static WriterLimits of(BatchWriterBuilder<?> options) {
    return new WriterLimits(
        options.maxRows,
        options.maxBytes,
        options.flushInterval.toNanos(),
        options.maxPendingBytes,
        options.highWatermark,
        options.lowWatermark);
  }

  boolean isFull(Batch<?> batch) {
    return batch.rows() >= maxRows || batch.bytes() >= maxBytes;
  }

  /** Whether the batch's first row has waited the flush interval at {@code nowNanos}. */
  boolean isDue(Batch<?> batch, long nowNanos) {
    return batch.rows() > 0 && nowNanos - batch.firstRowNanos() >= intervalNanos;
  }
}
