package dev.pgpipe.market;

import dev.pgpipe.dbn.InstrumentDefMsg;

/** The transform of instrument definitions (DBN v3 layout; older files are upgraded). */
final class DefinitionTable {

  private DefinitionTable() {}

  static MarketTable<InstrumentDefMsg> definition() {
    Columns<InstrumentDefMsg> columns =
        Columns.received("definition", InstrumentDefMsg.class, InstrumentDefMsg::tsRecv, true);
    prices(columns);
    quantities(columns);
    legs(columns);
    texts(columns);
    codes(columns);
    return columns.build();
  }

  private static void prices(Columns<InstrumentDefMsg> c) {
    c.px("min_price_increment", InstrumentDefMsg::minPriceIncrement)
        .px("display_factor", InstrumentDefMsg::displayFactor)
        .ts("expiration", InstrumentDefMsg::expiration)
        .ts("activation", InstrumentDefMsg::activation)
        .px("high_limit_price", InstrumentDefMsg::highLimitPrice)
        .px("low_limit_price", InstrumentDefMsg::lowLimitPrice)
        .px("max_price_variation", InstrumentDefMsg::maxPriceVariation)
        .px("unit_of_measure_qty", InstrumentDefMsg::unitOfMeasureQty)
        .px("min_price_increment_amount", InstrumentDefMsg::minPriceIncrementAmount)
        .px("price_ratio", InstrumentDefMsg::priceRatio)
        .px("strike_price", InstrumentDefMsg::strikePrice)
        .i8("raw_instrument_id", InstrumentDefMsg::rawInstrumentId);
  }

  private static void quantities(Columns<InstrumentDefMsg> c) {
    c.i4("inst_attrib_value", InstrumentDefMsg::instAttribValue)
        .i8("underlying_id", InstrumentDefMsg::underlyingId)
        .i4("market_depth_implied", InstrumentDefMsg::marketDepthImplied)
        .i4("market_depth", InstrumentDefMsg::marketDepth)
        .i8("market_segment_id", InstrumentDefMsg::marketSegmentId)
        .i8("max_trade_vol", InstrumentDefMsg::maxTradeVol)
        .i4("min_lot_size", InstrumentDefMsg::minLotSize)
        .i4("min_lot_size_block", InstrumentDefMsg::minLotSizeBlock)
        .i4("min_lot_size_round_lot", InstrumentDefMsg::minLotSizeRoundLot)
        .i8("min_trade_vol", InstrumentDefMsg::minTradeVol)
        .i4("contract_multiplier", InstrumentDefMsg::contractMultiplier)
        .i4("decay_quantity", InstrumentDefMsg::decayQuantity)
        .i4("original_contract_size", InstrumentDefMsg::originalContractSize)
        .i2("appl_id", InstrumentDefMsg::applId)
        .i4("maturity_year", InstrumentDefMsg::maturityYear)
        .i4("decay_start_date", InstrumentDefMsg::decayStartDate)
        .i4("channel_id", InstrumentDefMsg::channelId);
  }

  private static void legs(Columns<InstrumentDefMsg> c) {
    c.px("leg_price", InstrumentDefMsg::legPrice)
        .px("leg_delta", InstrumentDefMsg::legDelta)
        .i8("leg_instrument_id", InstrumentDefMsg::legInstrumentId)
        .i4("leg_ratio_price_numerator", InstrumentDefMsg::legRatioPriceNumerator)
        .i4("leg_ratio_price_denominator", InstrumentDefMsg::legRatioPriceDenominator)
        .i4("leg_ratio_qty_numerator", InstrumentDefMsg::legRatioQtyNumerator)
        .i4("leg_ratio_qty_denominator", InstrumentDefMsg::legRatioQtyDenominator)
        .i8("leg_underlying_id", InstrumentDefMsg::legUnderlyingId)
        .i4("leg_count", InstrumentDefMsg::legCount)
        .i4("leg_index", InstrumentDefMsg::legIndex)
        .text("leg_raw_symbol", InstrumentDefMsg::legRawSymbol)
        .ch("leg_instrument_class", InstrumentDefMsg::legInstrumentClass)
        .ch("leg_side", InstrumentDefMsg::legSide);
  }

  private static void texts(Columns<InstrumentDefMsg> c) {
    c.text("currency", InstrumentDefMsg::currency)
        .text("settl_currency", InstrumentDefMsg::settlCurrency)
        .text("secsubtype", InstrumentDefMsg::secsubtype)
        .text("raw_symbol", InstrumentDefMsg::rawSymbol)
        .text("group", InstrumentDefMsg::group)
        .text("exchange", InstrumentDefMsg::exchange)
        .text("asset", InstrumentDefMsg::asset)
        .text("cfi", InstrumentDefMsg::cfi)
        .text("security_type", InstrumentDefMsg::securityType)
        .text("unit_of_measure", InstrumentDefMsg::unitOfMeasure)
        .text("underlying", InstrumentDefMsg::underlying)
        .text("strike_price_currency", InstrumentDefMsg::strikePriceCurrency);
  }

  private static void codes(Columns<InstrumentDefMsg> c) {
    c.ch("instrument_class", InstrumentDefMsg::instrumentClass)
        .ch("match_algorithm", InstrumentDefMsg::matchAlgorithm)
        .i2("main_fraction", InstrumentDefMsg::mainFraction)
        .i2("price_display_format", InstrumentDefMsg::priceDisplayFormat)
        .i2("sub_fraction", InstrumentDefMsg::subFraction)
        .i2("underlying_product", InstrumentDefMsg::underlyingProduct)
        .ch("security_update_action", InstrumentDefMsg::securityUpdateAction)
        .i2("maturity_month", InstrumentDefMsg::maturityMonth)
        .i2("maturity_day", InstrumentDefMsg::maturityDay)
        .i2("maturity_week", InstrumentDefMsg::maturityWeek)
        .ch("user_defined_instrument", InstrumentDefMsg::userDefinedInstrument)
        .i2("contract_multiplier_unit", InstrumentDefMsg::contractMultiplierUnit)
        .i2("flow_schedule_type", InstrumentDefMsg::flowScheduleType)
        .i2("tick_rule", InstrumentDefMsg::tickRule);
  }
}
