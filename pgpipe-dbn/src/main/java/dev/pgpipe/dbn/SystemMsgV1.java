package dev.pgpipe.dbn;

/**
 * System message from the gateway, DBN v1 layout (rtype 0x17).
 *
 * <p>Wire layout: {@link Layouts#SYSTEM_V1} (80 bytes, DBN struct `SystemMsgV1`). Prices are
 * fixed-point with nine implied decimals, timestamps are nanoseconds since the UNIX epoch; u32
 * fields are widened to {@code long} and u64 fields carry their bits in a {@code long}. Immutable
 * and thread-safe.
 */
public record SystemMsgV1(RecordHeader hd, String msg) implements DbnRecord {
  /** Checks the record type. */
  public SystemMsgV1 {
    Checks.rtype(hd, "SystemMsgV1", RType.SYSTEM);
  }
}
