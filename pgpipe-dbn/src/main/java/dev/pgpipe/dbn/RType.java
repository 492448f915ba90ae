package dev.pgpipe.dbn;

/**
 * Record type codes, the second byte of every record header. Several schemas share a struct (MBP-1
 * and TBBO are both {@link #MBP_1}); the OHLCV and BBO families differ only by their rtype.
 */
public final class RType {
  /** Trades (MBP-0), {@link TradeMsg}. */
  public static final int MBP_0 = 0x00;

  /** MBP-1 and TBBO, {@link Mbp1Msg}. */
  public static final int MBP_1 = 0x01;

  /** MBP-10, {@link Mbp10Msg}. */
  public static final int MBP_10 = 0x0A;

  /** Deprecated OHLCV of unspecified interval, {@link OhlcvMsg}. */
  public static final int OHLCV_DEPRECATED = 0x11;

  /** Trading status, {@link StatusMsg}. */
  public static final int STATUS = 0x12;

  /** Instrument definition. */
  public static final int INSTRUMENT_DEF = 0x13;

  /** Auction imbalance, {@link ImbalanceMsg}. */
  public static final int IMBALANCE = 0x14;

  /** Gateway error. */
  public static final int ERROR = 0x15;

  /** Symbol mapping. */
  public static final int SYMBOL_MAPPING = 0x16;

  /** Gateway system message, including heartbeats. */
  public static final int SYSTEM = 0x17;

  /** Statistics. */
  public static final int STATISTICS = 0x18;

  /** OHLCV, 1-second bars. */
  public static final int OHLCV_1S = 0x20;

  /** OHLCV, 1-minute bars. */
  public static final int OHLCV_1M = 0x21;

  /** OHLCV, 1-hour bars. */
  public static final int OHLCV_1H = 0x22;

  /** OHLCV, daily bars. */
  public static final int OHLCV_1D = 0x23;

  /** OHLCV, end-of-day bars. */
  public static final int OHLCV_EOD = 0x24;

  /** Market by order, {@link MboMsg}. */
  public static final int MBO = 0xA0;

  /** Consolidated MBP-1, {@link Cmbp1Msg}. */
  public static final int CMBP_1 = 0xB1;

  /** Consolidated BBO, 1-second, {@link CbboMsg}. */
  public static final int CBBO_1S = 0xC0;

  /** Consolidated BBO, 1-minute, {@link CbboMsg}. */
  public static final int CBBO_1M = 0xC1;

  /** Trades with consolidated BBO, {@link Cmbp1Msg}. */
  public static final int TCBBO = 0xC2;

  /** BBO, 1-second, {@link BboMsg}. */
  public static final int BBO_1S = 0xC3;

  /** BBO, 1-minute, {@link BboMsg}. */
  public static final int BBO_1M = 0xC4;

  private RType() {}

  /** Returns e.g. {@code "0xA0 (mbo)"}, for messages. */
  public static String describe(int rtype) {
    return String.format("0x%02X (%s)", rtype, name(rtype));
  }

  /** The lower-case name of a record type, or {@code "unknown"}. */
  public static String name(int rtype) {
    return switch (rtype) {
      case MBP_0 -> "mbp-0";
      case MBP_1 -> "mbp-1";
      case MBP_10 -> "mbp-10";
      case OHLCV_DEPRECATED -> "ohlcv-deprecated";
      case STATUS -> "status";
      case INSTRUMENT_DEF -> "instrument-def";
      case IMBALANCE -> "imbalance";
      case ERROR -> "error";
      case SYMBOL_MAPPING -> "symbol-mapping";
      case SYSTEM -> "system";
      case STATISTICS -> "statistics";
      case OHLCV_1S -> "ohlcv-1s";
      case OHLCV_1M -> "ohlcv-1m";
      case OHLCV_1H -> "ohlcv-1h";
      case OHLCV_1D -> "ohlcv-1d";
      case OHLCV_EOD -> "ohlcv-eod";
      case MBO -> "mbo";
      case CMBP_1 -> "cmbp-1";
      case CBBO_1S -> "cbbo-1s";
      case CBBO_1M -> "cbbo-1m";
      case TCBBO -> "tcbbo";
      case BBO_1S -> "bbo-1s";
      case BBO_1M -> "bbo-1m";
      default -> "unknown";
    };
  }
}
