package dev.pgpipe.dbn.json;

import dev.pgpipe.dbn.Field;
import dev.pgpipe.dbn.FieldType;
import dev.pgpipe.dbn.Layout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The order in which Databento's {@code dbn} tool writes the members of each record (JSON) or its
 * columns (CSV). The tool serializes a struct's fields in declaration order, except that fields
 * tagged with an encode order are moved to that position, one after the other in ascending order
 * (e.g. {@code ts_recv} to position 0, which puts the header {@code hd} second). The lists below
 * are the outcome of that rule for every struct of DBN 0.54 (versions 1 to 3), reserved fields left
 * out; {@code hd} stands for the header.
 */
final class ToolOrder {

  /** Stands for the record header {@code hd} in {@link #of}. */
  static final Field HEADER = new Field("hd", FieldType.RESERVED, 0, Layout.HEADER_SIZE);

  /**
   * {@code c_char} fields that the tool writes through a Rust enum (always a one-character string)
   * rather than as a {@code c_char} (NUL written as JSON null, as an empty CSV field).
   */
  private static final Set<String> ENUM_CHARS =
      Set.of(
          "InstrumentDefMsgV1.security_update_action",
          "InstrumentDefMsgV1.user_defined_instrument",
          "InstrumentDefMsgV2.user_defined_instrument");

  private static final Map<String, List<String>> ORDERS =
      parse(
          """
          MboMsg:
            ts_recv hd action side price size channel_id order_id flags ts_in_delta sequence
          TradeMsg:
            ts_recv hd action side depth price size flags ts_in_delta sequence
          Mbp1Msg:
            ts_recv hd action side depth price size flags ts_in_delta sequence levels
          Mbp10Msg:
            ts_recv hd action side depth price size flags ts_in_delta sequence levels
          BboMsg:
            ts_recv hd side price size flags sequence levels
          Cmbp1Msg:
            ts_recv hd action side price size flags ts_in_delta levels
          CbboMsg:
            ts_recv hd side price size flags levels
          OhlcvMsg:
            hd open high low close volume
          StatusMsg:
            ts_recv hd action reason trading_event is_trading is_quoting
            is_short_sell_restricted
          InstrumentDefMsg:
            ts_recv hd raw_symbol security_update_action instrument_class min_price_increment
            display_factor expiration activation high_limit_price low_limit_price
            max_price_variation unit_of_measure_qty min_price_increment_amount price_ratio
            inst_attrib_value underlying_id raw_instrument_id market_depth_implied market_depth
            market_segment_id max_trade_vol min_lot_size min_lot_size_block
            min_lot_size_round_lot min_trade_vol contract_multiplier decay_quantity
            original_contract_size appl_id maturity_year decay_start_date channel_id currency
            settl_currency secsubtype group exchange asset cfi security_type unit_of_measure
            underlying strike_price_currency strike_price match_algorithm main_fraction
            price_display_format sub_fraction underlying_product maturity_month maturity_day
            maturity_week user_defined_instrument contract_multiplier_unit flow_schedule_type
            tick_rule leg_count leg_index leg_instrument_id leg_raw_symbol leg_instrument_class
            leg_side leg_price leg_delta leg_ratio_price_numerator leg_ratio_price_denominator
            leg_ratio_qty_numerator leg_ratio_qty_denominator leg_underlying_id
          ImbalanceMsg:
            ts_recv hd ref_price auction_time cont_book_clr_price auct_interest_clr_price
            ssr_filling_price ind_match_price upper_collar lower_collar paired_qty
            total_imbalance_qty market_imbalance_qty unpaired_qty auction_type side
            auction_status freeze_status num_extensions unpaired_side significant_imbalance
          StatMsg:
            ts_recv hd ts_ref price quantity sequence ts_in_delta stat_type channel_id
            update_action stat_flags
          ErrorMsg:
            hd err code is_last
          SymbolMappingMsg:
            hd stype_in stype_in_symbol stype_out stype_out_symbol start_ts end_ts
          SystemMsg:
            hd msg code
          ErrorMsgV1:
            hd err
          InstrumentDefMsgV1:
            ts_recv hd raw_symbol security_update_action instrument_class min_price_increment
            display_factor expiration activation high_limit_price low_limit_price
            max_price_variation trading_reference_price unit_of_measure_qty
            min_price_increment_amount price_ratio inst_attrib_value underlying_id
            raw_instrument_id market_depth_implied market_depth market_segment_id max_trade_vol
            min_lot_size min_lot_size_block min_lot_size_round_lot min_trade_vol
            contract_multiplier decay_quantity original_contract_size trading_reference_date
            appl_id maturity_year decay_start_date channel_id currency settl_currency secsubtype
            group exchange asset cfi security_type unit_of_measure underlying
            strike_price_currency strike_price match_algorithm md_security_trading_status
            main_fraction price_display_format settl_price_type sub_fraction underlying_product
            maturity_month maturity_day maturity_week user_defined_instrument
            contract_multiplier_unit flow_schedule_type tick_rule
          SymbolMappingMsgV1:
            hd stype_in_symbol stype_out_symbol start_ts end_ts
          SystemMsgV1:
            hd msg
          """);

  private ToolOrder() {}

  private static Map<String, List<String>> parse(String text) {
    Map<String, List<String>> orders = new HashMap<>();
    List<String> current = new ArrayList<>();
    for (String token : text.strip().split("\\s+")) {
      if (token.endsWith(":")) {
        current = new ArrayList<>();
        orders.put(token.substring(0, token.length() - 1), current);
      } else {
        current.add(token);
      }
    }
    orders.put("InstrumentDefMsgV2", Objects.requireNonNull(orders.get("InstrumentDefMsgV1")));
    orders.put("StatMsgV1", Objects.requireNonNull(orders.get("StatMsg"))); // same orders
    return Map.copyOf(orders);
  }

  /**
   * The fields of a layout in the tool's order, {@link #HEADER} where the header goes.
   *
   * @throws IllegalStateException when the layout or one of its named fields is not in the table
   */
  static List<Field> of(Layout layout) {
    List<String> names = ORDERS.get(layout.name());
    if (names == null) {
      throw new IllegalStateException("no member order for " + layout.name());
    }
    List<Field> fields = new ArrayList<>(names.size());
    for (String name : names) {
      fields.add(
          name.equals("hd")
              ? HEADER
              : layout
                  .field(name)
                  .orElseThrow(() -> new IllegalStateException(layout.name() + " lacks " + name)));
    }
    return List.copyOf(fields);
  }

  /** Whether a NUL in this {@code c_char} field is written as null (JSON) or nothing (CSV). */
  static boolean nulIsNull(Layout layout, Field field) {
    return !ENUM_CHARS.contains(layout.name() + "." + field.name());
  }
}
