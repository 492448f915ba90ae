package dev.pgpipe.dbn;

import java.util.List;

/**
 * Ten levels of book depth with the event that changed them (rtype 0x0A).
 *
 * <p>Wire layout: {@link Layouts#MBP10} (368 bytes, DBN struct `Mbp10Msg`). Prices are fixed-point
 * with nine implied decimals, timestamps are nanoseconds since the UNIX epoch; u32 fields are
 * widened to {@code long} and u64 fields carry their bits in a {@code long}. Immutable and
 * thread-safe.
 */
public record Mbp10Msg(
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
  public Mbp10Msg {
    Checks.rtype(hd, "Mbp10Msg", RType.MBP_10);
    levels = Checks.levels(levels, 10);
  }
}
