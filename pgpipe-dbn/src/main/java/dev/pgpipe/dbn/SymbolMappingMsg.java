package dev.pgpipe.dbn;

/**
 * Symbol mapping, DBN v2 and v3 layout (rtype 0x16).
 *
 * <p>Wire layout: {@link Layouts#SYMBOL_MAPPING} (176 bytes, DBN struct `SymbolMappingMsg`). Prices
 * are fixed-point with nine implied decimals, timestamps are nanoseconds since the UNIX epoch; u32
 * fields are widened to {@code long} and u64 fields carry their bits in a {@code long}. Immutable
 * and thread-safe.
 */
public record SymbolMappingMsg(
    RecordHeader hd,
    int stypeIn,
    String stypeInSymbol,
    int stypeOut,
    String stypeOutSymbol,
    long startTs,
    long endTs)
    implements DbnRecord {
  /** Checks the record type. */
  public SymbolMappingMsg {
    Checks.rtype(hd, "SymbolMappingMsg", RType.SYMBOL_MAPPING);
  }
}
