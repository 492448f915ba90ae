package dev.pgpipe.dbn;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The metadata header of a DBN stream (versions 1 to 3), every field of the spec. Immutable.
 *
 * @param version DBN version, 1 to 3
 * @param dataset dataset code, e.g. {@code "GLBX.MDP3"}, at most 16 bytes
 * @param schema the schema, or {@code null} for a mixed stream (code 0xFFFF)
 * @param start start of the query range, ns since the epoch
 * @param end end of the query range, ns since the epoch; {@link Dbn#UNDEF_TIMESTAMP} for none
 * @param limit record limit of the query, 0 for none
 * @param recordCount version 1's deprecated record count (kept so files re-encode byte for byte);
 *     {@link Dbn#UNDEF_TIMESTAMP} (u64 max) in versions 2 and 3, where it is not written
 * @param stypeIn input symbology, or {@code null} for none/mixed (0xFF)
 * @param stypeOut output symbology, or {@code null} for none (0xFF)
 * @param tsOut whether every record carries the gateway's send timestamp
 * @param symbolCstrLen length of the fixed-size symbol strings: 22 in version 1, normally 71 after
 * @param symbols the requested symbols
 * @param partial symbols that resolved for only part of the range
 * @param notFound symbols that did not resolve
 * @param mappings how each requested symbol mapped over the range
 */
public record Metadata(
    int version,
    String dataset,
    @Nullable Schema schema,
    long start,
    long end,
    long limit,
    long recordCount,
    @Nullable SType stypeIn,
    @Nullable SType stypeOut,
    boolean tsOut,
    int symbolCstrLen,
    List<String> symbols,
    List<String> partial,
    List<String> notFound,
    List<SymbolMapping> mappings) {

  /** Checks the version-dependent fields and copies the lists. */
  public Metadata {
    if (version < 1 || version > Dbn.CURRENT_VERSION) {
      throw new IllegalArgumentException("version must be 1 to 3: " + version);
    }
    if (version == 1 && symbolCstrLen != Dbn.SYMBOL_CSTR_LEN_V1) {
      throw new IllegalArgumentException("version 1 symbolCstrLen must be 22: " + symbolCstrLen);
    }
    if (symbolCstrLen < 1 || symbolCstrLen > 0xFFFF) {
      throw new IllegalArgumentException("symbolCstrLen must be in [1, 65535]: " + symbolCstrLen);
    }
    if (version > 1 && recordCount != Dbn.UNDEF_TIMESTAMP) {
      throw new IllegalArgumentException(
          "recordCount exists only in version 1; use Dbn.UNDEF_TIMESTAMP: " + recordCount);
    }
    symbols = List.copyOf(symbols);
    partial = List.copyOf(partial);
    notFound = List.copyOf(notFound);
    mappings = List.copyOf(mappings);
  }

  /**
   * Metadata for a stream of one schema in the current version, with no symbols: the usual start
   * for writing records.
   */
  public static Metadata of(String dataset, @Nullable Schema schema, long start, long end) {
    return new Metadata(
        Dbn.CURRENT_VERSION,
        dataset,
        schema,
        start,
        end,
        0,
        Dbn.UNDEF_TIMESTAMP,
        SType.RAW_SYMBOL,
        SType.INSTRUMENT_ID,
        false,
        Dbn.SYMBOL_CSTR_LEN,
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  /** This metadata as another version (upgrade or downgrade of the header only). */
  public Metadata withVersion(int newVersion) {
    int cstrLen = newVersion == 1 ? Dbn.SYMBOL_CSTR_LEN_V1 : Dbn.SYMBOL_CSTR_LEN;
    long count = newVersion == 1 ? recordCount : Dbn.UNDEF_TIMESTAMP;
    return new Metadata(
        newVersion,
        dataset,
        schema,
        start,
        end,
        limit,
        count,
        stypeIn,
        stypeOut,
        tsOut,
        cstrLen,
        symbols,
        partial,
        notFound,
        mappings);
  }

  /** This metadata with {@code ts_out} set or cleared. */
  public Metadata withTsOut(boolean newTsOut) {
    return new Metadata(
        version,
        dataset,
        schema,
        start,
        end,
        limit,
        recordCount,
        stypeIn,
        stypeOut,
        newTsOut,
        symbolCstrLen,
        symbols,
        partial,
        notFound,
        mappings);
  }
}
