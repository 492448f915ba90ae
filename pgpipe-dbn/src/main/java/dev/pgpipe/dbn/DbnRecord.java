package dev.pgpipe.dbn;

/**
 * An immutable DBN record. A {@code switch} over it is exhaustive: one case per DBN struct, plus
 * {@link WithTsOut} for streams whose metadata sets {@code ts_out} (live data stamped with the
 * gateway's send time).
 *
 * <p>Records of versions 1 and 2 whose layout changed in version 3 have their own types ({@code
 * InstrumentDefMsgV1}, {@code InstrumentDefMsgV2}, {@code StatMsgV1}, {@code ErrorMsgV1}, {@code
 * SymbolMappingMsgV1}, {@code SystemMsgV1}); decode with {@link DecodeOptions#upgrade()} to always
 * get the version 3 types.
 */
public sealed interface DbnRecord
    permits MboMsg,
        TradeMsg,
        Mbp1Msg,
        Mbp10Msg,
        BboMsg,
        Cmbp1Msg,
        CbboMsg,
        OhlcvMsg,
        StatusMsg,
        ImbalanceMsg,
        StatMsg,
        StatMsgV1,
        ErrorMsg,
        ErrorMsgV1,
        SymbolMappingMsg,
        SymbolMappingMsgV1,
        SystemMsg,
        SystemMsgV1,
        InstrumentDefMsg,
        InstrumentDefMsgV2,
        InstrumentDefMsgV1,
        WithTsOut {
  /** The record header; for {@link WithTsOut}, the header of the wrapped record. */
  RecordHeader hd();
}
