package dev.pgpipe.sink.backfill;

import dev.pgpipe.cdc.ChunkSnapshot;
import dev.pgpipe.cdc.Transaction;
import java.util.OptionalLong;

/**
 * The xids of the last {@value #CAPACITY} transactions the stream delivered, in stream (commit)
 * order: what a chunk window checks its chunk's snapshot against, to find a transaction that came
 * before its low watermark and that the chunk does not see ({@link ChunkWindow}). A fixed ring of
 * 32-bit xids (256 KiB), so the memory stays bounded however long the stream runs; what fell out of
 * it is not checked. Not thread-safe: used by the applying thread only.
 */
final class RecentCommits {

  /** How many of the latest transactions are remembered. */
  static final int CAPACITY = 65_536;

  private final int[] xids;
  private long added;

  RecentCommits() {
    this(CAPACITY);
  }

  RecentCommits(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be > 0: " + capacity);
    }
    this.xids = new int[capacity];
  }

  /** Notes {@code tx} once its last part went by; snapshot rows and bare messages have no xid. */
  void add(Transaction tx) {
    if (tx.xid() == 0 || tx.isSnapshot() || !tx.lastPart()) {
      return;
    }
    xids[(int) (added % xids.length)] = (int) tx.xid();
    added++;
  }

  /** How many transactions were added so far: a mark for {@link #hiddenBefore}. */
  long mark() {
    return added;
  }

  /**
   * The newest transaction added before {@code mark} (and still remembered) that {@code snapshot}
   * does not see, as the stream's 32-bit xid; empty when there is none.
   */
  OptionalLong hiddenBefore(long mark, ChunkSnapshot snapshot) {
    if (mark < 0 || mark > added) {
      throw new IllegalArgumentException("mark must be in [0, " + added + "]: " + mark);
    }
    long oldest = Math.max(0, added - xids.length);
    for (long i = mark - 1; i >= oldest; i--) {
      long xid = Integer.toUnsignedLong(xids[(int) (i % xids.length)]);
      if (snapshot.hides(xid)) {
        return OptionalLong.of(xid);
      }
    }
    return OptionalLong.empty();
  }
}
