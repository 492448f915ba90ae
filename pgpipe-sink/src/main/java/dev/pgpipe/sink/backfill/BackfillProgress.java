package dev.pgpipe.sink.backfill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How far the backfill of one table got: the request it serves (a new request restarts the table),
 * the key of the last row read (its text; null before the first chunk), rows put into the stream,
 * chunks done, and whether the table is done. Travels as the content of the progress marker that
 * ends a chunk in the stream ({@link #json()}), and is stored by {@link BackfillTable}. Immutable.
 */
public record BackfillProgress(
    String table,
    long request,
    @Nullable List<String> lastKey,
    long rows,
    long chunks,
    boolean done) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public BackfillProgress {
    lastKey = lastKey == null ? null : List.copyOf(lastKey);
    if (rows < 0 || chunks < 0) {
      throw new IllegalArgumentException("rows and chunks must be >= 0: " + rows + ", " + chunks);
    }
  }

  /** The start of request {@code request} of {@code table}. */
  public static BackfillProgress start(String table, long request) {
    return new BackfillProgress(table, request, null, 0, 0, false);
  }

  /** The progress once a chunk that ended at {@code key} put {@code emitted} rows in. */
  BackfillProgress next(@Nullable List<String> key, long emitted, boolean last) {
    return new BackfillProgress(
        table, request, key == null ? lastKey : key, rows + emitted, chunks + 1, last);
  }

  /** The marker text. */
  String json() {
    ObjectNode node = JSON.createObjectNode();
    node.put("table", table).put("request", request).put("rows", rows).put("chunks", chunks);
    node.put("done", done);
    List<String> key = lastKey;
    if (key != null) {
      ArrayNode array = node.putArray("key");
      key.forEach(array::add);
    }
    return node.toString();
  }

  /**
   * Reads {@link #json()}.
   *
   * @throws IllegalArgumentException when the text is not a progress marker
   */
  static BackfillProgress parse(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      List<String> key = null;
      if (node.has("key")) {
        key = new ArrayList<>();
        for (JsonNode part : node.get("key")) {
          key.add(part.asText());
        }
      }
      return new BackfillProgress(
          node.get("table").asText(),
          node.get("request").asLong(),
          key,
          node.get("rows").asLong(),
          node.get("chunks").asLong(),
          node.get("done").asBoolean());
    } catch (JsonProcessingException | NullPointerException e) {
      throw new IllegalArgumentException("not a backfill progress marker: " + text, e);
    }
  }
}
