package dev.pgpipe.dbn;

/**
 * Open, high, low, close and volume bar: 1s, 1m, 1h, 1d, end-of-day and the deprecated 0x11.
 *
 * <p>Wire layout: {@link Layouts#OHLCV} (56 bytes, DBN struct `OhlcvMsg`). Prices are fixed-point
 * with nine implied decimals, timestamps are nanoseconds since the UNIX epoch; u32 fields are
 * widened to {@code long} and u64 fields carry their bits in a {@code long}. Immutable and
 * thread-safe.
 */
public record OhlcvMsg(RecordHeader hd, long open, long high, long low, long close, long volume)
    implements DbnRecord {
  /** Checks the record type. */
  public OhlcvMsg {
    Checks.rtype(
        hd,
        "OhlcvMsg",
        RType.OHLCV_DEPRECATED,
        RType.OHLCV_1S,
        RType.OHLCV_1M,
        RType.OHLCV_1H,
        RType.OHLCV_1D,
        RType.OHLCV_EOD);
  }
}
