package dev.pgpipe.dbn;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Resolves an instrument id to its symbol at a point in time, from the metadata's symbol mappings
 * (historical files: each raw symbol maps, per date interval, to an instrument id) and from symbol
 * mapping records in a stream (live data: the record's instrument id maps to its {@code
 * stype_out_symbol} from {@code start_ts} to {@code end_ts}). Later additions win where intervals
 * overlap. Not thread-safe.
 */
public final class SymbolMap {
  private record Interval(long startNs, long endNs, String symbol) {}

  private final Map<Long, List<Interval>> byInstrument = new HashMap<>();

  /** An empty map, filled by {@link #add(DbnRecord)}. */
  public SymbolMap() {}

  /**
   * A map from the metadata's mappings whose interval symbols are instrument ids (output symbology
   * {@code instrument_id}); other mappings are ignored.
   */
  public static SymbolMap of(Metadata metadata) {
    SymbolMap map = new SymbolMap();
    for (SymbolMapping mapping : metadata.mappings()) {
      for (MappingInterval interval : mapping.intervals()) {
        Long id = parseId(interval.symbol());
        if (id != null) {
          map.put(
              id, startOf(interval.startDate()), startOf(interval.endDate()), mapping.rawSymbol());
        }
      }
    }
    return map;
  }

  private static @Nullable Long parseId(String symbol) {
    try {
      long id = Long.parseLong(symbol);
      return id >= 0 && id <= 0xFFFF_FFFFL ? id : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static long startOf(LocalDate date) {
    return date.atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
  }

  private void put(long instrumentId, long startNs, long endNs, String symbol) {
    byInstrument
        .computeIfAbsent(instrumentId, k -> new ArrayList<>())
        .add(new Interval(startNs, endNs, symbol));
  }

  /** Adds a symbol mapping record (of any version); other records are ignored. */
  public void add(DbnRecord record) {
    switch (record) {
      case SymbolMappingMsg m ->
          put(m.hd().instrumentId(), m.startTs(), m.endTs(), m.stypeOutSymbol());
      case SymbolMappingMsgV1 m ->
          put(m.hd().instrumentId(), m.startTs(), m.endTs(), m.stypeOutSymbol());
      case WithTsOut w -> add(w.record());
      default -> {}
    }
  }

  /** Adds the current record of a decoder if it is a symbol mapping; allocates only then. */
  public void add(RecordRef record) {
    if (record.rtype() == RType.SYMBOL_MAPPING) {
      add(record.toRecord());
    }
  }

  /** The symbol of an instrument at a time (ns since the epoch). */
  public Optional<String> symbolAt(long instrumentId, long timestampNs) {
    List<Interval> intervals = byInstrument.get(instrumentId);
    if (intervals == null) {
      return Optional.empty();
    }
    for (int i = intervals.size() - 1; i >= 0; i--) {
      Interval interval = intervals.get(i);
      long end = interval.endNs() == Dbn.UNDEF_TIMESTAMP ? Long.MAX_VALUE : interval.endNs();
      if (timestampNs >= interval.startNs() && timestampNs < end) {
        return Optional.of(interval.symbol());
      }
    }
    return Optional.empty();
  }

  /** The symbol of an instrument on a UTC date. */
  public Optional<String> symbolOn(long instrumentId, LocalDate date) {
    return symbolAt(instrumentId, startOf(date));
  }

  /**
   * The symbol for a decoded record, at its {@code ts_recv} when it has one, else its {@code
   * ts_event}; {@code null} when unmapped.
   */
  public @Nullable String symbolFor(RecordRef record) {
    long ts = record.tsEvent();
    Layout layout = record.layout();
    if (layout != null) {
      Optional<Field> tsRecv = layout.field("ts_recv");
      if (tsRecv.isPresent() && record.integer(tsRecv.get()) != Dbn.UNDEF_TIMESTAMP) {
        ts = record.integer(tsRecv.get());
      }
    }
    return symbolAt(record.instrumentId(), ts).orElse(null);
  }
}
