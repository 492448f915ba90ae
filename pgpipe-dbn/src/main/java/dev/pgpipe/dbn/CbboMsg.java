package dev.pgpipe.dbn;

import java.util.List;

/**
 * Consolidated best bid and offer per interval: CBBO-1s (0xC0) and CBBO-1m (0xC1).
 *
 * <p>Wire layout: {@link Layouts#CBBO} (80 bytes, DBN struct `CbboMsg`). Prices are fixed-point
 * with nine implied decimals, timestamps are nanoseconds since the UNIX epoch; u32 fields are
 * widened to {@code long} and u64 fields carry their bits in a {@code long}. Immutable and
 * thread-safe.
 */
public record CbboMsg(
    RecordHeader hd,
    long price,
    long size,
    char side,
    int flags,
    long tsRecv,
    List<ConsolidatedBidAskPair> levels)
    implements DbnRecord {
  /** Checks the record type and the number of book levels. */
  public CbboMsg {
    Checks.rtype(hd, "CbboMsg", RType.CBBO_1S, RType.CBBO_1M);
    levels = Checks.levels(levels, 1);
  }
}
