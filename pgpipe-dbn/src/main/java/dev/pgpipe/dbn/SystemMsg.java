package dev.pgpipe.dbn;

/**
 * System message from the gateway, DBN v2 and v3 layout (rtype 0x17).
 *
 * <p>Wire layout: {@link Layouts#SYSTEM} (320 bytes, DBN struct `SystemMsg`). Prices are
 * fixed-point with nine implied decimals, timestamps are nanoseconds since the UNIX epoch; u32
 * fields are widened to {@code long} and u64 fields carry their bits in a {@code long}. Immutable
 * and thread-safe.
 */
public record SystemMsg(RecordHeader hd, String msg, int code) implements DbnRecord {
  /** Checks the record type. */
  public SystemMsg {
    Checks.rtype(hd, "SystemMsg", RType.SYSTEM);
  }
}
