package dev.pgpipe.bench.replicate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The live primary keys of one table as a workload plans it: new keys count up from 1, a key change
 * adds {@value #REKEY_OFFSET} (so it never meets another key), and picks favour the keys touched
 * last, so keys repeat within and across transactions. Not thread-safe.
 */
final class Keys {

  static final long REKEY_OFFSET = 1_000_000_000L;
  private static final int HOT = 32;

  private final List<Long> live = new ArrayList<>();
  private long next = 1;

  /** A new key, now live. */
  long add() {
    long id = next++;
    live.add(id);
    return id;
  }

  boolean isEmpty() {
    return live.isEmpty();
  }

  /** The position of a live key: a recently added one three times in ten, else any. */
  int pick(SplittableRandom random) {
    int size = live.size();
    if (size > HOT && random.nextInt(10) < 3) {
      return size - 1 - random.nextInt(HOT);
    }
    return random.nextInt(size);
  }

  long get(int position) {
    return live.get(position);
  }

  /** Forgets the key at {@code position} (deleted). */
  void remove(int position) {
    int last = live.size() - 1;
    live.set(position, live.get(last));
    live.remove(last);
  }

  /** Replaces the key at {@code position} by itself plus the offset; returns the new key. */
  long rekey(int position) {
    long id = live.get(position) + REKEY_OFFSET;
    live.set(position, id);
    return id;
  }
}
