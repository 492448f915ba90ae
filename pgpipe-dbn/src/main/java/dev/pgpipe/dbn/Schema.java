package dev.pgpipe.dbn;

import java.util.Optional;

/** DBN schemas with their metadata codes ({@code u16}; 0xFFFF means mixed or none). */
public enum Schema {
  MBO(0, "mbo"),
  MBP_1(1, "mbp-1"),
  MBP_10(2, "mbp-10"),
  TBBO(3, "tbbo"),
  TRADES(4, "trades"),
  OHLCV_1S(5, "ohlcv-1s"),
  OHLCV_1M(6, "ohlcv-1m"),
  OHLCV_1H(7, "ohlcv-1h"),
  OHLCV_1D(8, "ohlcv-1d"),
  DEFINITION(9, "definition"),
  STATISTICS(10, "statistics"),
  STATUS(11, "status"),
  IMBALANCE(12, "imbalance"),
  OHLCV_EOD(13, "ohlcv-eod"),
  CMBP_1(14, "cmbp-1"),
  CBBO_1S(15, "cbbo-1s"),
  CBBO_1M(16, "cbbo-1m"),
  TCBBO(17, "tcbbo"),
  BBO_1S(18, "bbo-1s"),
  BBO_1M(19, "bbo-1m");

  /** The metadata code for "no single schema" (a mixed stream such as live data). */
  public static final int NONE = 0xFFFF;

  private final int code;
  private final String text;

  Schema(int code, String text) {
    this.code = code;
    this.text = text;
  }

  /** The code written in metadata. */
  public int code() {
    return code;
  }

  /** The name Databento uses, e.g. {@code "mbp-10"}. */
  public String text() {
    return text;
  }

  /** The schema for a metadata code; empty for unknown codes and for {@link #NONE}. */
  public static Optional<Schema> ofCode(int code) {
    for (Schema schema : values()) {
      if (schema.code == code) {
        return Optional.of(schema);
      }
    }
    return Optional.empty();
  }
}
