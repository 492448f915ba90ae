package dev.pgpipe.dbn;

/**
 * Instrument definition, DBN v3 layout (rtype 0x13).
 *
 * <p>Wire layout: {@link Layouts#INSTRUMENT_DEF} (520 bytes, DBN struct `InstrumentDefMsg`). Prices
 * are fixed-point with nine implied decimals, timestamps are nanoseconds since the UNIX epoch; u32
 * fields are widened to {@code long} and u64 fields carry their bits in a {@code long}. Immutable
 * and thread-safe.
 */
public record InstrumentDefMsg(
    RecordHeader hd,
    long tsRecv,
    long minPriceIncrement,
    long displayFactor,
    long expiration,
    long activation,
    long highLimitPrice,
    long lowLimitPrice,
    long maxPriceVariation,
    long unitOfMeasureQty,
    long minPriceIncrementAmount,
    long priceRatio,
    long strikePrice,
    long rawInstrumentId,
    long legPrice,
    long legDelta,
    int instAttribValue,
    long underlyingId,
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
    long legInstrumentId,
    int legRatioPriceNumerator,
    int legRatioPriceDenominator,
    int legRatioQtyNumerator,
    int legRatioQtyDenominator,
    long legUnderlyingId,
    int applId,
    int maturityYear,
    int decayStartDate,
    int channelId,
    int legCount,
    int legIndex,
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
    String legRawSymbol,
    char instrumentClass,
    char matchAlgorithm,
    int mainFraction,
    int priceDisplayFormat,
    int subFraction,
    int underlyingProduct,
    char securityUpdateAction,
    int maturityMonth,
    int maturityDay,
    int maturityWeek,
    char userDefinedInstrument,
    int contractMultiplierUnit,
    int flowScheduleType,
    int tickRule,
    char legInstrumentClass,
    char legSide)
    implements DbnRecord {
  /** Checks the record type. */
  public InstrumentDefMsg {
    Checks.rtype(hd, "InstrumentDefMsg", RType.INSTRUMENT_DEF);
  }
}
