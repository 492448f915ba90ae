package dev.pgpipe.dbn;

/**
 * Error from the gateway, DBN v1 layout (rtype 0x15).
 *
 * <p>Wire layout: {@link Layouts#ERROR_V1} (80 bytes, DBN struct `ErrorMsgV1`). Prices are
 * fixed-point with nine implied decimals, timestamps are nanoseconds since the UNIX epoch; u32
 * fields are widened to {@code long} and u64 fields carry their bits in a {@code long}. Immutable
 * and thread-safe.
 */
public record ErrorMsgV1(RecordHeader hd, String err) implements DbnRecord {
  /** Checks the record type. */
  public ErrorMsgV1 {
    Checks.rtype(hd, "ErrorMsgV1", RType.ERROR);
  }
}
