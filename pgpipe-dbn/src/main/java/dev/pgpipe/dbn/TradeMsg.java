package dev.pgpipe.dbn;

/**
 * Trade (MBP-0, rtype 0x00).
 *
 * <p>Wire layout: {@link Layouts#TRADE} (48 bytes, DBN struct `TradeMsg`). Prices are fixed-point
 * with nine implied decimals, timestamps are nanoseconds since the UNIX epoch; u32 fields are
 * widened to {@code long} and u64 fields carry their bits in a {@code long}. Immutable and
 * thread-safe.
 */
public record TradeMsg(
    RecordHeader hd,
    long price,
    long size,
    char action,
    char side,
    int flags,
    int depth,
    long tsRecv,
    int tsInDelta,
    long sequence)
    implements DbnRecord {
  /** Checks the record type. */
  public TradeMsg {
    Checks.rtype(hd, "TradeMsg", RType.MBP_0);
  }
}
