package dev.pgpipe.market;

import dev.pgpipe.dbn.BboMsg;
import dev.pgpipe.dbn.CbboMsg;
import dev.pgpipe.dbn.Cmbp1Msg;
import dev.pgpipe.dbn.MboMsg;
import dev.pgpipe.dbn.Mbp10Msg;
import dev.pgpipe.dbn.Mbp1Msg;
import dev.pgpipe.dbn.TradeMsg;

/** The transforms of the order book schemas: MBO, trades, MBP-1/TBBO, MBP-10, BBO, CMBP, CBBO. */
final class BookTables {

  private BookTables() {}

  static MarketTable<MboMsg> mbo() {
    return Columns.received("mbo", MboMsg.class, MboMsg::tsRecv, false)
        .i8("order_id", MboMsg::orderId)
        .px("price", MboMsg::price)
        .i8("size", MboMsg::size)
        .i2("flags", MboMsg::flags)
        .i2("channel_id", MboMsg::channelId)
        .ch("action", MboMsg::action)
        .ch("side", MboMsg::side)
        .i4("ts_in_delta", MboMsg::tsInDelta)
        .i8("sequence", MboMsg::sequence)
        .build();
  }

  static MarketTable<TradeMsg> trades() {
    return Columns.received("trades", TradeMsg.class, TradeMsg::tsRecv, false)
        .px("price", TradeMsg::price)
        .i8("size", TradeMsg::size)
        .ch("action", TradeMsg::action)
        .ch("side", TradeMsg::side)
        .i2("flags", TradeMsg::flags)
        .i2("depth", TradeMsg::depth)
        .i4("ts_in_delta", TradeMsg::tsInDelta)
        .i8("sequence", TradeMsg::sequence)
        .build();
  }

  /** MBP-1 and TBBO share the record type. */
  static MarketTable<Mbp1Msg> mbp1(String name) {
    return Columns.received(name, Mbp1Msg.class, Mbp1Msg::tsRecv, false)
        .px("price", Mbp1Msg::price)
        .i8("size", Mbp1Msg::size)
        .ch("action", Mbp1Msg::action)
        .ch("side", Mbp1Msg::side)
        .i2("flags", Mbp1Msg::flags)
        .i2("depth", Mbp1Msg::depth)
        .i4("ts_in_delta", Mbp1Msg::tsInDelta)
        .i8("sequence", Mbp1Msg::sequence)
        .levels(1, Mbp1Msg::levels)
        .build();
  }

  static MarketTable<Mbp10Msg> mbp10() {
    return Columns.received("mbp_10", Mbp10Msg.class, Mbp10Msg::tsRecv, false)
        .px("price", Mbp10Msg::price)
        .i8("size", Mbp10Msg::size)
        .ch("action", Mbp10Msg::action)
        .ch("side", Mbp10Msg::side)
        .i2("flags", Mbp10Msg::flags)
        .i2("depth", Mbp10Msg::depth)
        .i4("ts_in_delta", Mbp10Msg::tsInDelta)
        .i8("sequence", Mbp10Msg::sequence)
        .levels(10, Mbp10Msg::levels)
        .build();
  }

  /** BBO-1s and BBO-1m. */
  static MarketTable<BboMsg> bbo(String name) {
    return Columns.received(name, BboMsg.class, BboMsg::tsRecv, false)
        .px("price", BboMsg::price)
        .i8("size", BboMsg::size)
        .ch("side", BboMsg::side)
        .i2("flags", BboMsg::flags)
        .i8("sequence", BboMsg::sequence)
        .levels(1, BboMsg::levels)
        .build();
  }

  /** CMBP-1 and TCBBO. */
  static MarketTable<Cmbp1Msg> cmbp1(String name) {
    return Columns.received(name, Cmbp1Msg.class, Cmbp1Msg::tsRecv, false)
        .px("price", Cmbp1Msg::price)
        .i8("size", Cmbp1Msg::size)
        .ch("action", Cmbp1Msg::action)
        .ch("side", Cmbp1Msg::side)
        .i2("flags", Cmbp1Msg::flags)
        .i4("ts_in_delta", Cmbp1Msg::tsInDelta)
        .consolidated(Cmbp1Msg::levels)
        .build();
  }

  /** CBBO-1s and CBBO-1m. */
  static MarketTable<CbboMsg> cbbo(String name) {
    return Columns.received(name, CbboMsg.class, CbboMsg::tsRecv, false)
        .px("price", CbboMsg::price)
        .i8("size", CbboMsg::size)
        .ch("side", CbboMsg::side)
        .i2("flags", CbboMsg::flags)
        .consolidated(CbboMsg::levels)
        .build();
  }
}
