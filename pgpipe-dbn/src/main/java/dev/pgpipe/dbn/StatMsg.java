package dev.pgpipe.dbn;

/**
 * Statistic, DBN v3 layout with a 64-bit quantity (rtype 0x18).
 *
 * <p>Wire layout: {@link Layouts#STAT} (80 bytes, DBN struct `StatMsg`). Prices are fixed-point
 * with nine implied decimals, timestamps are nanoseconds since the UNIX epoch; u32 fields are
 * widened to {@code long} and u64 fields carry their bits in a {@code long}. Immutable and
 * thread-safe.
 */
public record StatMsg(
    RecordHeader hd,
    long tsRecv,
    long tsRef,
    long price,
    long quantity,
    long sequence,
    int tsInDelta,
    int statType,
    int channelId,
    int updateAction,
    int statFlags)
    implements DbnRecord {
  /** Checks the record type. */
  public StatMsg {
    Checks.rtype(hd, "StatMsg", RType.STATISTICS);
  }
}
