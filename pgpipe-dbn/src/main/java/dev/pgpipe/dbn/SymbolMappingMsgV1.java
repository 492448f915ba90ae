package dev.pgpipe.dbn;

/**
 * Symbol mapping, DBN v1 layout (rtype 0x16).
 *
 * <p>Wire layout: {@link Layouts#SYMBOL_MAPPING_V1} (80 bytes, DBN struct `SymbolMappingMsgV1`).
 * Prices are fixed-point with nine implied decimals, timestamps are nanoseconds since the UNIX
 * epoch; u32 fields are widened to {@code long} and u64 fields carry their bits in a {@code long}.
 * Immutable and thread-safe.
 */
public record SymbolMappingMsgV1(
    RecordHeader hd, String stypeInSymbol, String stypeOutSymbol, long startTs, long endTs)
    implements DbnRecord {
  /** Checks the record type. */
  public SymbolMappingMsgV1 {
    Checks.rtype(hd, "SymbolMappingMsgV1", RType.SYMBOL_MAPPING);
  }
}
