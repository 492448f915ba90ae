package dev.pgpipe.dbn;

/**
 * Statistic, DBN v1 and v2 layout with a 32-bit quantity (rtype 0x18).
 *
 * <p>Wire layout: {@link Layouts#STAT_V1} (64 bytes, DBN struct `StatMsgV1`). Prices are
 * fixed-point with nine implied decimals, timestamps are nanoseconds since the UNIX epoch; u32
 * fields are widened to {@code long} and u64 fields carry their bits in a {@code long}. Immutable
 * and thread-safe.
 */
public record StatMsgV1(
    RecordHeader hd,
    long tsRecv,
    long tsRef,
    long price,
    int quantity,
    long sequence,
    int tsInDelta,
    int statType,
    int channelId,
    int updateAction,
    int statFlags)
    implements DbnRecord {
  /** Checks the record type. */
  public StatMsgV1 {
    Checks.rtype(hd, "StatMsgV1", RType.STATISTICS);
  }
}
