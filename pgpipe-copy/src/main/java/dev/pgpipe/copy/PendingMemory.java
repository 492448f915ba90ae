package dev.pgpipe.copy;

import dev.pgpipe.copy.codec.WireBuffer;
import java.util.ArrayDeque;

/**
 * The memory a {@link BatchWriter} holds for batches not yet committed: their buffers count against
 * {@code maxPendingBytes}; with watermarks the source is suspended at the high one and resumed at
 * the low one. A loaded batch's buffer is kept for a later batch, at most {@code spareLimit} of
 * them, so that a writer at rest holds no more than that. Not thread-safe: the writer's lock guards
 * it.
 */
final class PendingMemory {

  private final WriterLimits limits;
  private final int spareLimit;
  private final ArrayDeque<WireBuffer> spare = new ArrayDeque<>();
  private long pending;
  private boolean suspended;

  PendingMemory(WriterLimits limits, int spareLimit) {
    this.limits = limits;
    this.spareLimit = spareLimit;
  }

  /** A buffer for a new batch: a kept one, or a new one; counted. */
  WireBuffer take() {
    WireBuffer buffer = spare.poll();
    buffer = buffer != null ? buffer : new WireBuffer(limits.bufferCapacity());
    pending += buffer.array().length;
    return buffer;
  }

  /** The smallest buffer, for a batch of no rows; counted, and never kept. */
  WireBuffer takeSmall() {
    WireBuffer buffer = new WireBuffer(16);
    pending += buffer.array().length;
    return buffer;
  }

  /** A batch's buffer grew (or was replaced) by {@code bytes}. */
  void grew(int bytes) {
    pending += bytes;
  }

  /** Whether a row fits: with a new batch's buffer when {@code newBatch}. */
  boolean fits(boolean newBatch) {
    return pending + (newBatch ? limits.bufferCapacity() : 0) <= limits.maxPendingBytes();
  }

  /** Whether the source is to be suspended now (once, at the high watermark). */
  boolean suspendNow(boolean flowControlled) {
    boolean suspend = flowControlled && !suspended && pending >= limits.high();
    suspended |= suspend;
    return suspend;
  }

  /**
   * Frees the buffer of a batch loaded (or dropped empty); whether the source is to be resumed now
   * (the low watermark).
   */
  boolean release(WireBuffer buffer) {
    pending -= buffer.array().length;
    if (spare.size() < spareLimit && buffer.array().length == limits.bufferCapacity()) {
      spare.add(buffer);
    }
    boolean resume = suspended && pending <= limits.low();
    suspended &= !resume;
    return resume;
  }

  boolean suspended() {
    return suspended;
  }

  long pending() {
    return pending;
  }
}
