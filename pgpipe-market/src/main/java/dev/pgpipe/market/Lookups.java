package dev.pgpipe.market;

import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.InstrumentDefMsg;
import dev.pgpipe.dbn.SymbolMap;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a load knows about instruments so far: the current file's symbology (metadata mappings plus
 * symbol mapping records) and the latest definition of each instrument seen in any file of the
 * load. Not thread-safe.
 */
final class Lookups {

  private final Map<Long, InstrumentDefMsg> definitions = new HashMap<>();
  private SymbolMap symbols = new SymbolMap();

  /** Starts a file: its metadata's symbology replaces the previous file's. */
  void symbology(SymbolMap fileSymbols) {
    this.symbols = fileSymbols;
  }

  /** Learns from a record: symbol mappings and instrument definitions. */
  void observe(DbnRecord record) {
    symbols.add(record);
    if (record instanceof InstrumentDefMsg definition) {
      definitions.put(definition.hd().instrumentId(), definition);
    }
  }

  /** The symbol at {@code timeNs}: the symbology's, else the latest definition's raw symbol. */
  @Nullable String symbol(long instrumentId, long timeNs) {
    String mapped = symbols.symbolAt(instrumentId, timeNs).orElse(null);
    if (mapped != null) {
      return mapped;
    }
    InstrumentDefMsg definition = definitions.get(instrumentId);
    return definition == null ? null : blankToNull(definition.rawSymbol());
  }

  /** The underlying of the instrument's latest definition, or null. */
  @Nullable String underlying(long instrumentId) {
    InstrumentDefMsg definition = definitions.get(instrumentId);
    return definition == null ? null : blankToNull(definition.underlying());
  }

  private static @Nullable String blankToNull(String text) {
    return text.isEmpty() ? null : text;
  }
}
