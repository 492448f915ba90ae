package dev.pgpipe.dbn;

/**
 * Market-by-order event (rtype 0xA0).
 *
 * <p>Wire layout: {@link Layouts#MBO} (56 bytes, DBN struct `MboMsg`). Prices are fixed-point with
 * nine implied decimals, timestamps are nanoseconds since the UNIX epoch; u32 fields are widened to
 * {@code long} and u64 fields carry their bits in a {@code long}. Immutable and thread-safe.
 */
public record MboMsg(
    RecordHeader hd,
    long orderId,
    long price,
    long size,
    int flags,
    int channelId,
    char action,
    char side,
    long tsRecv,
    int tsInDelta,
    long sequence)
    implements DbnRecord {
  /** Checks the record type. */
  public MboMsg {
    Checks.rtype(hd, "MboMsg", RType.MBO);
  }
}
