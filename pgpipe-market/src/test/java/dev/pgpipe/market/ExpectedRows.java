package dev.pgpipe.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgpipe.dbn.DbnDecoder;
import dev.pgpipe.dbn.DecodeOptions;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.RecordRef;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.dbn.SymbolMap;
import dev.pgpipe.dbn.json.RecordWriter;
import dev.pgpipe.dbn.json.TextOptions;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the decoder says a file holds, independently of the market transforms: each record as the
 * JSON of the dbn tool (with its symbol from the symbology), grouped by table and keyed by (key
 * timestamp, instrument, publisher, n-th record with those three).
 */
final class ExpectedRows {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ExpectedRows() {}

  static Map<String, Map<List<Long>, JsonNode>> of(Path file) {
    Map<String, Map<List<Long>, JsonNode>> tables = new LinkedHashMap<>();
    Map<List<Object>, Integer> seen = new HashMap<>();
    try (DbnDecoder decoder = DbnDecoder.open(file, DecodeOptions.defaults().withUpgrade(true))) {
      Schema schema = decoder.metadata().map(Metadata::schema).orElse(null);
      SymbolMap symbols = decoder.metadata().map(SymbolMap::of).orElseGet(SymbolMap::new);
      while (decoder.next()) {
        RecordRef record = decoder.record();
        symbols.add(record);
        MarketTable<?> table = MarketTables.forRecord(record.toRecord(), schema).orElse(null);
        if (table == null) {
          continue;
        }
        JsonNode node = json(record, symbols.symbolFor(record));
        long time =
            number(
                table.keyColumn().equals("ts_recv_ns")
                    ? node.get("ts_recv")
                    : node.at("/hd/ts_event"));
        List<Long> key = List.of(time, record.instrumentId(), (long) record.publisherId());
        long tie = seen.merge(List.of(table.name(), key), 1, Integer::sum) - 1L;
        tables
            .computeIfAbsent(table.name(), t -> new LinkedHashMap<>())
            .put(List.of(time, record.instrumentId(), (long) record.publisherId(), tie), node);
      }
    }
    return tables;
  }

  private static JsonNode json(RecordRef record, @Nullable String symbol) {
    StringBuilder line = new StringBuilder();
    RecordWriter.json(line, new TextOptions(false, false, true)).write(record, symbol);
    try {
      return JSON.readTree(line.toString());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON integer, or a string holding a signed or unsigned 64-bit one, as its long bits. */
  static long number(JsonNode node) {
    if (!node.isTextual()) {
      return node.asLong();
    }
    String text = node.asText();
    return text.startsWith("-") ? Long.parseLong(text) : Long.parseUnsignedLong(text);
  }
}
