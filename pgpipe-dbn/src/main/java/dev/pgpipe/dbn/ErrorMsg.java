package dev.pgpipe.dbn;

/**
 * Error from the gateway, DBN v2 and v3 layout (rtype 0x15).
 *
 * <p>Wire layout: {@link Layouts#ERROR} (320 bytes, DBN struct `ErrorMsg`). Prices are fixed-point
 * with nine implied decimals, timestamps are nanoseconds since the UNIX epoch; u32 fields are
 * widened to {@code long} and u64 fields carry their bits in a {@code long}. Immutable and
 * thread-safe.
 */
public record ErrorMsg(RecordHeader hd, String err, int code, int isLast) implements DbnRecord {
  /** Checks the record type. */
  public ErrorMsg {
    Checks.rtype(hd, "ErrorMsg", RType.ERROR);
  }
}
