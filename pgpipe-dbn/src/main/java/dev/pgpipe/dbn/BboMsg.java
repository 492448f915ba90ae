package dev.pgpipe.dbn;

import java.util.List;

/**
 * Best bid and offer sampled per interval: BBO-1s (0xC3) and BBO-1m (0xC4).
 *
 * <p>Wire layout: {@link Layouts#BBO} (80 bytes, DBN struct `BboMsg`). Prices are fixed-point with
 * nine implied decimals, timestamps are nanoseconds since the UNIX epoch; u32 fields are widened to
 * {@code long} and u64 fields carry their bits in a {@code long}. Immutable and thread-safe.
 */
public record BboMsg(
    RecordHeader hd,
    long price,
    long size,
    char side,
    int flags,
    long tsRecv,
    long sequence,
    List<BidAskPair> levels)
    implements DbnRecord {
  /** Checks the record type and the number of book levels. */
  public BboMsg {
    Checks.rtype(hd, "BboMsg", RType.BBO_1S, RType.BBO_1M);
    levels = Checks.levels(levels, 1);
  }
}
