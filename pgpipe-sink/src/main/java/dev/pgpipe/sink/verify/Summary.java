package dev.pgpipe.sink.verify;

import java.math.BigInteger;

/**
 * The rows of a key range on one side: their count and the sum of a 64-bit hash of each row's text.
 * The sum is exact (PostgreSQL sums {@code bigint} into {@code numeric}), so the summary of two
 * adjacent ranges is the sum of theirs, and two sides with the same rows have equal summaries
 * whatever their physical order; any other difference makes them unequal but with a chance of about
 * 2<sup>-64</sup>.
 */
record Summary(long rows, BigInteger hashSum) {

  static final Summary EMPTY = new Summary(0, BigInteger.ZERO);

  Summary minus(Summary part) {
    return new Summary(rows - part.rows, hashSum.subtract(part.hashSum));
  }

  /** Whether the range holds no rows on this side. */
  boolean empty() {
    return rows == 0;
  }
}
