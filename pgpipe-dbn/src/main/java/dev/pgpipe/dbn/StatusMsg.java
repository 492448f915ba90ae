package dev.pgpipe.dbn;

/**
 * Trading status of an instrument (rtype 0x12).
 *
 * <p>Wire layout: {@link Layouts#STATUS} (40 bytes, DBN struct `StatusMsg`). Prices are fixed-point
 * with nine implied decimals, timestamps are nanoseconds since the UNIX epoch; u32 fields are
 * widened to {@code long} and u64 fields carry their bits in a {@code long}. Immutable and
 * thread-safe.
 */
public record StatusMsg(
    RecordHeader hd,
    long tsRecv,
    int action,
    int reason,
    int tradingEvent,
    char isTrading,
    char isQuoting,
    char isShortSellRestricted)
    implements DbnRecord {
  /** Checks the record type. */
  public StatusMsg {
    Checks.rtype(hd, "StatusMsg", RType.STATUS);
  }
}
