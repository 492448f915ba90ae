package dev.pgpipe.market;

import org.jspecify.annotations.Nullable;

/**
 * How the writers of one source (a file or a fetched range) load: the key-time range its records
 * can have, whether the staged path is forced, and the name its batches are recorded under in the
 * batch ledger.
 *
 * @param writerId names the source's batches in the batch ledger (a table name is appended)
 * @param fromNs the least key time the source's records can have (inclusive)
 * @param toNs the greatest (exclusive); {@link Long#MAX_VALUE} when unknown
 * @param staged true to take the staged path for every table, whatever they hold
 */
record SourcePlan(String writerId, long fromNs, long toNs, boolean staged) {

  /**
   * A plan for a range; {@code end} null, UNDEF (negative as signed) or not after {@code start}
   * means open-ended.
   */
  static SourcePlan of(String writerId, long start, @Nullable Long end, boolean staged) {
    long to = end == null || end < 0 || end <= start ? Long.MAX_VALUE : end;
    return new SourcePlan(writerId, Math.max(0, start), to, staged);
  }
}
