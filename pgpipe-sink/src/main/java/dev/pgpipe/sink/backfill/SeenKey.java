package dev.pgpipe.sink.backfill;

import dev.pgpipe.cdc.Unchanged;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a chunk window saw the stream do to one key: the values of its inserts and updates in order
 * (an unchanged TOAST value keeps the earlier one), whether the last change deleted it, and whether
 * an insert gave the whole row. Not thread-safe: used under the window's lock.
 */
final class SeenKey {

  private final Map<String, @Nullable Object> values = new LinkedHashMap<>();
  private boolean deleted;
  private boolean whole;

  void delete() {
    values.clear();
    deleted = true;
    whole = false;
  }

  void change(Map<String, @Nullable Object> after, boolean insert) {
    if (insert) {
      values.clear();
      whole = true;
    }
    deleted = false;
    after.forEach(
        (column, value) -> {
          if (value != Unchanged.VALUE) {
            values.put(column, value);
          }
        });
  }

  /** The row as of the window's end, from {@code read} (the chunk's row); null when deleted. */
  @Nullable Map<String, @Nullable Object> over(Map<String, @Nullable Object> read) {
    if (deleted) {
      return null;
    }
    Map<String, @Nullable Object> row = new LinkedHashMap<>(read);
    if (whole) {
      row.keySet().removeIf(column -> !values.containsKey(column));
    }
    row.putAll(values);
    return row;
  }
}
