package dev.pgpipe.dbn;

/**
 * Constants of the DBN format (see {@code shared/specs/dbn-format.md}): sentinels for undefined
 * values, fixed-point scale, flag bits and gateway codes.
 */
public final class Dbn {
  /** Newest DBN version this library reads and writes. */
  public static final int CURRENT_VERSION = 3;

  /** Divisor of fixed-point prices: 3722750000000 is 3722.75. */
  public static final long FIXED_PRICE_SCALE = 1_000_000_000L;

  /** Undefined price (i64 max). */
  public static final long UNDEF_PRICE = Long.MAX_VALUE;

  /** Undefined order size (u32 max). */
  public static final long UNDEF_ORDER_SIZE = 0xFFFF_FFFFL;

  /** Undefined timestamp (u64 max, -1 in a long). */
  public static final long UNDEF_TIMESTAMP = -1L;

  /** Undefined statistic quantity in version 3 (i64 max). */
  public static final long UNDEF_STAT_QUANTITY = Long.MAX_VALUE;

  /** Undefined statistic quantity in versions 1 and 2 (i32 max). */
  public static final int UNDEF_STAT_QUANTITY_V1 = Integer.MAX_VALUE;

  /** Length of fixed-size symbol strings in version 1 metadata and records. */
  public static final int SYMBOL_CSTR_LEN_V1 = 22;

  /** Length of fixed-size symbol strings in versions 2 and 3. */
  public static final int SYMBOL_CSTR_LEN = 71;

  /** Largest record a DBN v3 writer produces, without {@code ts_out}. */
  public static final int MAX_RECORD_LEN = 528;

  /** Flag: last record of an event for this instrument. */
  public static final int FLAG_LAST = 0x80;

  /** Flag: top-of-book message, not an individual order. */
  public static final int FLAG_TOB = 0x40;

  /** Flag: replayed from a snapshot. */
  public static final int FLAG_SNAPSHOT = 0x20;

  /** Flag: aggregated price level, not an individual order. */
  public static final int FLAG_MBP = 0x10;

  /** Flag: {@code ts_recv} is inaccurate. */
  public static final int FLAG_BAD_TS_RECV = 0x08;

  /** Flag: an unrecoverable gap was detected in the channel. */
  public static final int FLAG_MAYBE_BAD_BOOK = 0x04;

  /** System code (v2+): heartbeat. */
  public static final int SYSTEM_HEARTBEAT = 0;

  /** System code (v2+): subscription acknowledged. */
  public static final int SYSTEM_SUBSCRIPTION_ACK = 1;

  /** System code (v2+): slow-reader warning. */
  public static final int SYSTEM_SLOW_READER_WARNING = 2;

  /** System code (v2+): replay completed. */
  public static final int SYSTEM_REPLAY_COMPLETED = 3;

  /** System code (v2+): end of interval. */
  public static final int SYSTEM_END_OF_INTERVAL = 4;

  /** System or error code that was not set (records upgraded from v1). */
  public static final int CODE_UNSET = 0xFF;

  /** Text of a version 1 heartbeat {@link SystemMsgV1}. */
  public static final String HEARTBEAT_TEXT = "Heartbeat";

  private Dbn() {}

  /** Whether a system message is a gateway heartbeat, by code (v2+) or by text (v1). */
  public static boolean isHeartbeat(DbnRecord record) {
    return switch (record) {
      case SystemMsg msg -> msg.code() == SYSTEM_HEARTBEAT;
      case SystemMsgV1 msg -> HEARTBEAT_TEXT.equals(msg.msg());
      case WithTsOut wrapped -> isHeartbeat(wrapped.record());
      default -> false;
    };
  }
}
