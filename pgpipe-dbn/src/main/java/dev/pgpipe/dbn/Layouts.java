package dev.pgpipe.dbn;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every DBN record layout of versions 1 to 3, transcribed from the field tables of {@code
 * shared/specs/dbn-format.md} (which were generated from the reference Rust structs). Each entry
 * lists the fields after the 16-byte header in wire order as {@code name:type}; offsets follow one
 * another without padding and the total is checked against the struct size.
 *
 * <p>Types: {@code u8 i8 u16 i16 u32 i32 u64 i64}; {@code px} fixed-point price (i64, 1e-9); {@code
 * ts} timestamp (u64 ns); {@code char} one {@code c_char}; {@code cN} NUL-padded string of N bytes;
 * {@code rN} N reserved bytes; {@code bapN}/{@code cbapN} N (consolidated) book levels.
 */
public final class Layouts {
  private Layouts() {}

  /** Every layout, versions 1 to 3. */
  public static List<Layout> all() {
    return List.of(
        MBO,
        TRADE,
        MBP1,
        MBP10,
        BBO,
        CMBP1,
        CBBO,
        OHLCV,
        STATUS,
        IMBALANCE,
        STAT,
        STAT_V1,
        ERROR,
        ERROR_V1,
        SYMBOL_MAPPING,
        SYMBOL_MAPPING_V1,
        SYSTEM,
        SYSTEM_V1,
        INSTRUMENT_DEF_V1,
        INSTRUMENT_DEF_V2,
        INSTRUMENT_DEF);
  }

  /** Market-by-order event (rtype 0xA0). */
  public static final Layout MBO =
      Layout.of(
          "MboMsg",
          56,
          MboMsg.class,
          """
          order_id:u64  price:px  size:u32  flags:u8  channel_id:u8  action:char  side:char
          ts_recv:ts  ts_in_delta:i32  sequence:u32
          """);

  /** Trade (MBP-0, rtype 0x00). */
  public static final Layout TRADE =
      Layout.of(
          "TradeMsg",
          48,
          TradeMsg.class,
          """
          price:px  size:u32  action:char  side:char  flags:u8  depth:u8  ts_recv:ts
          ts_in_delta:i32  sequence:u32
          """);

  /** Top-of-book with the event that changed it: MBP-1 and TBBO (rtype 0x01). */
  public static final Layout MBP1 =
      Layout.of(
          "Mbp1Msg",
          80,
          Mbp1Msg.class,
          """
          price:px  size:u32  action:char  side:char  flags:u8  depth:u8  ts_recv:ts
          ts_in_delta:i32  sequence:u32  levels:bap1
          """);

  /** Ten levels of book depth with the event that changed them (rtype 0x0A). */
  public static final Layout MBP10 =
      Layout.of(
          "Mbp10Msg",
          368,
          Mbp10Msg.class,
          """
          price:px  size:u32  action:char  side:char  flags:u8  depth:u8  ts_recv:ts
          ts_in_delta:i32  sequence:u32  levels:bap10
          """);

  /** Best bid and offer sampled per interval: BBO-1s (0xC3) and BBO-1m (0xC4). */
  public static final Layout BBO =
      Layout.of(
          "BboMsg",
          80,
          BboMsg.class,
          """
          price:px  size:u32  _reserved1:r1  side:char  flags:u8  _reserved2:r1  ts_recv:ts
          _reserved3:r4  sequence:u32  levels:bap1
          """);

  /** Consolidated top-of-book with the event: CMBP-1 (0xB1) and TCBBO (0xC2). */
  public static final Layout CMBP1 =
      Layout.of(
          "Cmbp1Msg",
          80,
          Cmbp1Msg.class,
          """
          price:px  size:u32  action:char  side:char  flags:u8  _reserved1:r1  ts_recv:ts
          ts_in_delta:i32  _reserved2:r4  levels:cbap1
          """);

  /** Consolidated best bid and offer per interval: CBBO-1s (0xC0) and CBBO-1m (0xC1). */
  public static final Layout CBBO =
      Layout.of(
          "CbboMsg",
          80,
          CbboMsg.class,
          """
          price:px  size:u32  _reserved1:r1  side:char  flags:u8  _reserved2:r1  ts_recv:ts
          _reserved3:r8  levels:cbap1
          """);

  /** Open, high, low, close and volume bar: 1s, 1m, 1h, 1d, end-of-day and the deprecated 0x11. */
  public static final Layout OHLCV =
      Layout.of(
          "OhlcvMsg",
          56,
          OhlcvMsg.class,
          """
          open:px  high:px  low:px  close:px  volume:u64
          """);

  /** Trading status of an instrument (rtype 0x12). */
  public static final Layout STATUS =
      Layout.of(
          "StatusMsg",
          40,
          StatusMsg.class,
          """
          ts_recv:ts  action:u16  reason:u16  trading_event:u16  is_trading:char  is_quoting:char
          is_short_sell_restricted:char  _reserved:r7
          """);

  /** Auction imbalance (rtype 0x14). */
  public static final Layout IMBALANCE =
      Layout.of(
          "ImbalanceMsg",
          112,
          ImbalanceMsg.class,
          """
          ts_recv:ts  ref_price:px  auction_time:ts  cont_book_clr_price:px
          auct_interest_clr_price:px  ssr_filling_price:px  ind_match_price:px  upper_collar:px
          lower_collar:px  paired_qty:u32  total_imbalance_qty:u32  market_imbalance_qty:u32
          unpaired_qty:u32  auction_type:char  side:char  auction_status:u8  freeze_status:u8
          num_extensions:u8  unpaired_side:char  significant_imbalance:char  _reserved:r1
          """);

  /** Statistic, DBN v3 layout with a 64-bit quantity (rtype 0x18). */
  public static final Layout STAT =
      Layout.of(
          "StatMsg",
          80,
          StatMsg.class,
          """
          ts_recv:ts  ts_ref:ts  price:px  quantity:i64  sequence:u32  ts_in_delta:i32
          stat_type:u16  channel_id:u16  update_action:u8  stat_flags:u8  _reserved:r18
          """);

  /** Statistic, DBN v1 and v2 layout with a 32-bit quantity (rtype 0x18). */
  public static final Layout STAT_V1 =
      Layout.of(
          "StatMsgV1",
          64,
          StatMsgV1.class,
          """
          ts_recv:ts  ts_ref:ts  price:px  quantity:i32  sequence:u32  ts_in_delta:i32
          stat_type:u16  channel_id:u16  update_action:u8  stat_flags:u8  _reserved:r6
          """);

  /** Error from the gateway, DBN v2 and v3 layout (rtype 0x15). */
  public static final Layout ERROR =
      Layout.of(
          "ErrorMsg",
          320,
          ErrorMsg.class,
          """
          err:c302  code:u8  is_last:u8
          """);

  /** Error from the gateway, DBN v1 layout (rtype 0x15). */
  public static final Layout ERROR_V1 =
      Layout.of(
          "ErrorMsgV1",
          80,
          ErrorMsgV1.class,
          """
          err:c64
          """);

  /** Symbol mapping, DBN v2 and v3 layout (rtype 0x16). */
  public static final Layout SYMBOL_MAPPING =
      Layout.of(
          "SymbolMappingMsg",
          176,
          SymbolMappingMsg.class,
          """
          stype_in:u8  stype_in_symbol:c71  stype_out:u8  stype_out_symbol:c71  start_ts:ts
          end_ts:ts
          """);

  /** Symbol mapping, DBN v1 layout (rtype 0x16). */
  public static final Layout SYMBOL_MAPPING_V1 =
      Layout.of(
          "SymbolMappingMsgV1",
          80,
          SymbolMappingMsgV1.class,
          """
          stype_in_symbol:c22  stype_out_symbol:c22  _dummy:r4  start_ts:ts  end_ts:ts
          """);

  /** System message from the gateway, DBN v2 and v3 layout (rtype 0x17). */
  public static final Layout SYSTEM =
      Layout.of(
          "SystemMsg",
          320,
          SystemMsg.class,
          """
          msg:c303  code:u8
          """);

  /** System message from the gateway, DBN v1 layout (rtype 0x17). */
  public static final Layout SYSTEM_V1 =
      Layout.of(
          "SystemMsgV1",
          80,
          SystemMsgV1.class,
          """
          msg:c64
          """);

  /** Instrument definition, DBN v1 layout (rtype 0x13). */
  public static final Layout INSTRUMENT_DEF_V1 =
      Layout.of(
          "InstrumentDefMsgV1",
          360,
          InstrumentDefMsgV1.class,
          """
          ts_recv:ts  min_price_increment:px  display_factor:px  expiration:ts  activation:ts
          high_limit_price:px  low_limit_price:px  max_price_variation:px
          trading_reference_price:px  unit_of_measure_qty:px  min_price_increment_amount:px
          price_ratio:px  inst_attrib_value:i32  underlying_id:u32  raw_instrument_id:u32
          market_depth_implied:i32  market_depth:i32  market_segment_id:u32  max_trade_vol:u32
          min_lot_size:i32  min_lot_size_block:i32  min_lot_size_round_lot:i32  min_trade_vol:u32
          _reserved2:r4  contract_multiplier:i32  decay_quantity:i32  original_contract_size:i32
          _reserved3:r4  trading_reference_date:u16  appl_id:i16  maturity_year:u16
          decay_start_date:u16  channel_id:u16  currency:c4  settl_currency:c4  secsubtype:c6
          raw_symbol:c22  group:c21  exchange:c5  asset:c7  cfi:c7  security_type:c7
          unit_of_measure:c31  underlying:c21  strike_price_currency:c4  instrument_class:char
          _reserved4:r2  strike_price:px  _reserved5:r6  match_algorithm:char
          md_security_trading_status:u8  main_fraction:u8  price_display_format:u8
          settl_price_type:u8  sub_fraction:u8  underlying_product:u8  security_update_action:char
          maturity_month:u8  maturity_day:u8  maturity_week:u8  user_defined_instrument:char
          contract_multiplier_unit:i8  flow_schedule_type:i8  tick_rule:u8  _dummy:r3
          """);

  /** Instrument definition, DBN v2 layout (rtype 0x13). */
  public static final Layout INSTRUMENT_DEF_V2 =
      Layout.of(
          "InstrumentDefMsgV2",
          400,
          InstrumentDefMsgV2.class,
          """
          ts_recv:ts  min_price_increment:px  display_factor:px  expiration:ts  activation:ts
          high_limit_price:px  low_limit_price:px  max_price_variation:px
          trading_reference_price:px  unit_of_measure_qty:px  min_price_increment_amount:px
          price_ratio:px  strike_price:px  inst_attrib_value:i32  underlying_id:u32
          raw_instrument_id:u32  market_depth_implied:i32  market_depth:i32  market_segment_id:u32
          max_trade_vol:u32  min_lot_size:i32  min_lot_size_block:i32  min_lot_size_round_lot:i32
          min_trade_vol:u32  contract_multiplier:i32  decay_quantity:i32
          original_contract_size:i32  trading_reference_date:u16  appl_id:i16  maturity_year:u16
          decay_start_date:u16  channel_id:u16  currency:c4  settl_currency:c4  secsubtype:c6
          raw_symbol:c71  group:c21  exchange:c5  asset:c7  cfi:c7  security_type:c7
          unit_of_measure:c31  underlying:c21  strike_price_currency:c4  instrument_class:char
          match_algorithm:char  md_security_trading_status:u8  main_fraction:u8
          price_display_format:u8  settl_price_type:u8  sub_fraction:u8  underlying_product:u8
          security_update_action:char  maturity_month:u8  maturity_day:u8  maturity_week:u8
          user_defined_instrument:char  contract_multiplier_unit:i8  flow_schedule_type:i8
          tick_rule:u8  _reserved:r10
          """);

  /** Instrument definition, DBN v3 layout (rtype 0x13). */
  public static final Layout INSTRUMENT_DEF =
      Layout.of(
          "InstrumentDefMsg",
          520,
          InstrumentDefMsg.class,
          """
          ts_recv:ts  min_price_increment:px  display_factor:px  expiration:ts  activation:ts
          high_limit_price:px  low_limit_price:px  max_price_variation:px  unit_of_measure_qty:px
          min_price_increment_amount:px  price_ratio:px  strike_price:px  raw_instrument_id:u64
          leg_price:px  leg_delta:px  inst_attrib_value:i32  underlying_id:u32
          market_depth_implied:i32  market_depth:i32  market_segment_id:u32  max_trade_vol:u32
          min_lot_size:i32  min_lot_size_block:i32  min_lot_size_round_lot:i32  min_trade_vol:u32
          contract_multiplier:i32  decay_quantity:i32  original_contract_size:i32
          leg_instrument_id:u32  leg_ratio_price_numerator:i32  leg_ratio_price_denominator:i32
          leg_ratio_qty_numerator:i32  leg_ratio_qty_denominator:i32  leg_underlying_id:u32
          appl_id:i16  maturity_year:u16  decay_start_date:u16  channel_id:u16  leg_count:u16
          leg_index:u16  currency:c4  settl_currency:c4  secsubtype:c6  raw_symbol:c71  group:c21
          exchange:c5  asset:c11  cfi:c7  security_type:c7  unit_of_measure:c31  underlying:c21
          strike_price_currency:c4  leg_raw_symbol:c71  instrument_class:char
          match_algorithm:char  main_fraction:u8  price_display_format:u8  sub_fraction:u8
          underlying_product:u8  security_update_action:char  maturity_month:u8  maturity_day:u8
          maturity_week:u8  user_defined_instrument:char  contract_multiplier_unit:i8
          flow_schedule_type:i8  tick_rule:u8  leg_instrument_class:char  leg_side:char
          _reserved:r17
          """);

  /**
   * The layout of a record type in a DBN version, or {@code null} for record types this library
   * does not know (which a decoder skips by their length).
   */
  public static @Nullable Layout forRType(int rtype, int version) {
    return switch (rtype) {
      case RType.MBO -> MBO;
      case RType.MBP_0 -> TRADE;
      case RType.MBP_1 -> MBP1;
      case RType.MBP_10 -> MBP10;
      case RType.BBO_1S, RType.BBO_1M -> BBO;
      case RType.CMBP_1, RType.TCBBO -> CMBP1;
      case RType.CBBO_1S, RType.CBBO_1M -> CBBO;
      case RType.OHLCV_DEPRECATED,
          RType.OHLCV_1S,
          RType.OHLCV_1M,
          RType.OHLCV_1H,
          RType.OHLCV_1D,
          RType.OHLCV_EOD ->
          OHLCV;
      case RType.STATUS -> STATUS;
      case RType.IMBALANCE -> IMBALANCE;
      case RType.STATISTICS -> version < 3 ? STAT_V1 : STAT;
      case RType.ERROR -> version < 2 ? ERROR_V1 : ERROR;
      case RType.SYMBOL_MAPPING -> version < 2 ? SYMBOL_MAPPING_V1 : SYMBOL_MAPPING;
      case RType.SYSTEM -> version < 2 ? SYSTEM_V1 : SYSTEM;
      case RType.INSTRUMENT_DEF ->
          version < 2 ? INSTRUMENT_DEF_V1 : version < 3 ? INSTRUMENT_DEF_V2 : INSTRUMENT_DEF;
      default -> null;
    };
  }

  /** The layout of an immutable record type. */
  public static Layout forRecord(DbnRecord record) {
    return switch (record) {
      case MboMsg r -> MBO;
      case TradeMsg r -> TRADE;
      case Mbp1Msg r -> MBP1;
      case Mbp10Msg r -> MBP10;
      case BboMsg r -> BBO;
      case Cmbp1Msg r -> CMBP1;
      case CbboMsg r -> CBBO;
      case OhlcvMsg r -> OHLCV;
      case StatusMsg r -> STATUS;
      case ImbalanceMsg r -> IMBALANCE;
      case StatMsg r -> STAT;
      case StatMsgV1 r -> STAT_V1;
      case ErrorMsg r -> ERROR;
      case ErrorMsgV1 r -> ERROR_V1;
      case SymbolMappingMsg r -> SYMBOL_MAPPING;
      case SymbolMappingMsgV1 r -> SYMBOL_MAPPING_V1;
      case SystemMsg r -> SYSTEM;
      case SystemMsgV1 r -> SYSTEM_V1;
      case InstrumentDefMsg r -> INSTRUMENT_DEF;
      case InstrumentDefMsgV2 r -> INSTRUMENT_DEF_V2;
      case InstrumentDefMsgV1 r -> INSTRUMENT_DEF_V1;
      case WithTsOut r -> forRecord(r.record());
    };
  }
}
