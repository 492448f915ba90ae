package dev.pgpipe.market;

import dev.pgpipe.dbn.ImbalanceMsg;
import dev.pgpipe.dbn.OhlcvMsg;
import dev.pgpipe.dbn.StatMsg;
import dev.pgpipe.dbn.StatusMsg;

/** The transforms of bars, statistics, status and imbalance records. */
final class EventTables {

  private EventTables() {}

  /** OHLCV-1s, -1m, -1h, -1d and -eod. */
  static MarketTable<OhlcvMsg> ohlcv(String name) {
    return Columns.bars(name, OhlcvMsg.class)
        .px("open", OhlcvMsg::open)
        .px("high", OhlcvMsg::high)
        .px("low", OhlcvMsg::low)
        .px("close", OhlcvMsg::close)
        .i8("volume", OhlcvMsg::volume)
        .build();
  }

  static MarketTable<StatMsg> statistics() {
    return Columns.received("statistics", StatMsg.class, StatMsg::tsRecv, false)
        .ts("ts_ref", StatMsg::tsRef)
        .px("price", StatMsg::price)
        .i8("quantity", StatMsg::quantity)
        .i8("sequence", StatMsg::sequence)
        .i4("ts_in_delta", StatMsg::tsInDelta)
        .i4("stat_type", StatMsg::statType)
        .i4("channel_id", StatMsg::channelId)
        .i2("update_action", StatMsg::updateAction)
        .i2("stat_flags", StatMsg::statFlags)
        .build();
  }

  static MarketTable<StatusMsg> status() {
    return Columns.received("status", StatusMsg.class, StatusMsg::tsRecv, false)
        .i4("action", StatusMsg::action)
        .i4("reason", StatusMsg::reason)
        .i4("trading_event", StatusMsg::tradingEvent)
        .ch("is_trading", StatusMsg::isTrading)
        .ch("is_quoting", StatusMsg::isQuoting)
        .ch("is_short_sell_restricted", StatusMsg::isShortSellRestricted)
        .build();
  }

  static MarketTable<ImbalanceMsg> imbalance() {
    return Columns.received("imbalance", ImbalanceMsg.class, ImbalanceMsg::tsRecv, false)
        .px("ref_price", ImbalanceMsg::refPrice)
        .ts("auction_time", ImbalanceMsg::auctionTime)
        .px("cont_book_clr_price", ImbalanceMsg::contBookClrPrice)
        .px("auct_interest_clr_price", ImbalanceMsg::auctInterestClrPrice)
        .px("ssr_filling_price", ImbalanceMsg::ssrFillingPrice)
        .px("ind_match_price", ImbalanceMsg::indMatchPrice)
        .px("upper_collar", ImbalanceMsg::upperCollar)
        .px("lower_collar", ImbalanceMsg::lowerCollar)
        .i8("paired_qty", ImbalanceMsg::pairedQty)
        .i8("total_imbalance_qty", ImbalanceMsg::totalImbalanceQty)
        .i8("market_imbalance_qty", ImbalanceMsg::marketImbalanceQty)
        .i8("unpaired_qty", ImbalanceMsg::unpairedQty)
        .ch("auction_type", ImbalanceMsg::auctionType)
        .ch("side", ImbalanceMsg::side)
        .i2("auction_status", ImbalanceMsg::auctionStatus)
        .i2("freeze_status", ImbalanceMsg::freezeStatus)
        .i2("num_extensions", ImbalanceMsg::numExtensions)
        .ch("unpaired_side", ImbalanceMsg::unpairedSide)
        .ch("significant_imbalance", ImbalanceMsg::significantImbalance)
        .build();
  }
}
