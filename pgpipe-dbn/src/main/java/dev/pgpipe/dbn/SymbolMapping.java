package dev.pgpipe.dbn;

import java.util.List;

/** The intervals over which one requested symbol mapped to output symbols. */
public record SymbolMapping(String rawSymbol, List<MappingInterval> intervals) {
  /** Copies the intervals. */
  public SymbolMapping {
    intervals = List.copyOf(intervals);
  }
}
