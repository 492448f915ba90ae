package dev.pgpipe.market;

import dev.pgpipe.dbn.DbnRecord;
import org.jspecify.annotations.Nullable;

/**
 * One row of a market table: a decoded record and what the loader resolved for it while loading.
 * Immutable and thread-safe.
 *
 * @param msg the record, never {@link dev.pgpipe.dbn.WithTsOut} (the loader unwraps it)
 * @param symbol the instrument's symbol at the record's time: from the symbology (metadata
 *     mappings, symbol mapping records), else from the definitions seen so far; null when unknown
 * @param underlying the {@code underlying} of the instrument's latest definition seen so far, or
 *     null
 * @param tie 0 for the first record of an instrument and publisher at a key timestamp, 1 for the
 *     next one at the same timestamp, ...; completes the table's key (see {@link MarketTable})
 */
public record MarketRow<M extends DbnRecord>(
    M msg, @Nullable String symbol, @Nullable String underlying, int tie) {

  /** Checks the tie. */
  public MarketRow {
    if (tie < 0) {
      throw new IllegalArgumentException("tie must be >= 0: " + tie);
    }
  }
}
