package dev.pgpipe.market;

import java.util.HashMap;
import java.util.Map;

/**
 * Numbers the records of one table that share a key timestamp, instrument and publisher: 0 for the
 * first, 1 for the next, in stream order. The count restarts whenever an instrument's timestamp
 * changes, so memory stays one entry per instrument and publisher. DBN files are sorted by their
 * key timestamp, which makes the numbering a function of the data: the same records get the same
 * ties on every load. Not thread-safe.
 */
final class TieCounter {

  private final Map<Long, long[]> last = new HashMap<>();
  private long outOfOrder;

  /** The tie of the next record with this key. */
  int next(int publisherId, long instrumentId, long timeNs) {
    long[] state = last.computeIfAbsent((long) publisherId << 32 | instrumentId, k -> new long[2]);
    if (state[1] > 0 && state[0] == timeNs) {
      return (int) Math.min(Integer.MAX_VALUE, state[1]++);
    }
    if (state[1] > 0 && timeNs < state[0]) {
      outOfOrder++;
    }
    state[0] = timeNs;
    state[1] = 1;
    return 0;
  }

  /**
   * How many records went back in time for their instrument; such a record could share its key with
   * an earlier, different one.
   */
  long outOfOrder() {
    return outOfOrder;
  }
}
