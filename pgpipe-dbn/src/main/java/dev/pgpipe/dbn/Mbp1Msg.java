package dev.pgpipe.dbn;

import java.util.List;

/**
 * Top-of-book with the event that changed it: MBP-1 and TBBO (rtype 0x01).
 *
 * <p>Wire layout: {@link Layouts#MBP1} (80 bytes, DBN struct `Mbp1Msg`). Prices are fixed-point
 * with nine implied decimals, timestamps are nanoseconds since the UNIX epoch; u32 fields are
 * widened to {@code long} and u64 fields carry their bits in a {@code long}. Immutable and
 * thread-safe.
 */
public record Mbp1Msg(
    RecordHeader hd,
    long price,
    long size,
    char action,
    char side,
    int flags,
    int depth,
    long tsRecv,
    int tsInDelta,
    long sequence,
    List<BidAskPair> levels)
    implements DbnRecord {
  /** Checks the record type and the number of book levels. */
  public Mbp1Msg {
    Checks.rtype(hd, "Mbp1Msg", RType.MBP_1);
    levels = Checks.levels(levels, 1);
  }
}
