package dev.pgpipe.sink.backfill;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A row's key as one string, for matching the keys of streamed events with those of chunk rows
 * (both decoded from the server's text output by the same decoder). Pure.
 */
final class KeyText {

  private KeyText() {}

  /** The key of {@code row}; null when the row lacks a key column. */
  static @Nullable String of(List<String> keyColumns, @Nullable Map<String, ?> row) {
    if (row == null) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (String column : keyColumns) {
      if (!row.containsKey(column)) {
        return null;
      }
      Object value = row.get(column);
      String part = value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value + "";
      text.append(part.length()).append(':').append(part);
    }
    return text.toString();
  }
}
