package dev.pgpipe.cdc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One chunk of a table read in key order by {@link ChunkReader}: its rows (decoded like streamed
 * ones, in table column order), the key of its last row as the server's text output, from which the
 * next chunk starts ({@code lastKey} is null when the chunk is empty), and the snapshot the rows
 * were read in, which tells which committed transactions they do not show. Immutable.
 */
public record KeyChunk(
    TableSchema table,
    List<Map<String, @Nullable Object>> rows,
    @Nullable List<String> lastKey,
    ChunkSnapshot snapshot) {

  public KeyChunk {
    List<Map<String, @Nullable Object>> copies = new ArrayList<>(rows.size());
    rows.forEach(row -> copies.add(Collections.unmodifiableMap(new LinkedHashMap<>(row))));
    rows = Collections.unmodifiableList(copies);
    lastKey = lastKey == null ? null : List.copyOf(lastKey);
    if ((lastKey == null) != rows.isEmpty()) {
      throw new IllegalArgumentException("a chunk has a last key exactly when it has rows");
    }
  }

  /** Whether the chunk is the table's last: it holds fewer rows than were asked for. */
  public boolean last(int limit) {
    return rows.size() < limit;
  }
}
