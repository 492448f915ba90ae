package dev.pgpipe.copy;

import dev.pgpipe.copy.codec.WireBuffer;
import java.util.ArrayDeque;

/**
 * The batch buffers a writer keeps for its next batches once their rows are loaded: at most {@code
 * limit} of them, so that a writer at rest holds no more than that. Not thread-safe: the writer's
 * lock guards it.
 */
final class SpareBuffers {

  private final ArrayDeque<WireBuffer> spare = new ArrayDeque<>();
  private final int limit;
  private final int capacity;

  /**
   * @param limit how many buffers to keep
   * @param capacity the size of a new buffer
   */
  SpareBuffers(int limit, int capacity) {
    this.limit = limit;
    this.capacity = capacity;
  }

  /** A kept buffer, or a new one when none is kept. */
  WireBuffer take() {
    WireBuffer buffer = spare.poll();
    return buffer != null ? buffer : new WireBuffer(capacity);
  }

  /** Keeps the buffer for a later batch, unless {@code limit} are kept already or it is smaller. */
  void give(WireBuffer buffer) {
    if (spare.size() < limit && buffer.array().length >= capacity) {
      spare.add(buffer);
    }
  }
}
