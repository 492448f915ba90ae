package dev.pgpipe.dbn;

/**
 * Instrument definition, DBN v2 layout (rtype 0x13).
 *
 * <p>Wire layout: {@link Layouts#INSTRUMENT_DEF_V2} (400 bytes, DBN struct `InstrumentDefMsgV2`).
 * Prices are fixed-point with nine implied decimals, timestamps are nanoseconds since the UNIX
 * epoch; u32 fields are widened to {@code long} and u64 fields carry their bits in a {@code long}.
 * Immutable and thread-safe.
 */
public record InstrumentDefMsgV2(
    RecordHeader hd,
    long tsRecv,
    long minPriceIncrement,
    long displayFactor,
    long expiration,
    long activation,
    long highLimitPrice,
    long lowLimitPrice,
    long maxPriceVariation,
    long tradingReferencePrice,
    long unitOfMeasureQty,
    long minPriceIncrementAmount,
    long priceRatio,
    long strikePrice,
    int instAttribValue,
    long underlyingId,
    long rawInstrumentId,
    int marketDepthImplied,
    int marketDepth,
    long marketSegmentId,
    long maxTradeVol,
    int minLotSize,
    int minLotSizeBlock,
    int minLotSizeRoundLot,
    long minTradeVol,
    int contractMultiplier,
    int decayQuantity,
    int originalContractSize,
    int tradingReferenceDate,
    int applId,
    int maturityYear,
    int decayStartDate,
    int channelId,
    String currency,
    String settlCurrency,
    String secsubtype,
    String rawSymbol,
    String group,
    String exchange,
    String asset,
    String cfi,
    String securityType,
    String unitOfMeasure,
    String underlying,
    String strikePriceCurrency,
    char instrumentClass,
    char matchAlgorithm,
    int mdSecurityTradingStatus,
    int mainFraction,
    int priceDisplayFormat,
    int settlPriceType,
    int subFraction,
    int underlyingProduct,
    char securityUpdateAction,
    int maturityMonth,
    int maturityDay,
    int maturityWeek,
    char userDefinedInstrument,
    int contractMultiplierUnit,
    int flowScheduleType,
    int tickRule)
    implements DbnRecord {
  /** Checks the record type. */
  public InstrumentDefMsgV2 {
    Checks.rtype(hd, "InstrumentDefMsgV2", RType.INSTRUMENT_DEF);
  }
}
