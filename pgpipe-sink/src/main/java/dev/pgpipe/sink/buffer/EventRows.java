package dev.pgpipe.sink.buffer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.cdc.pgoutput.Lsn;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * An event as the buffer's jsonb columns and back. The event's envelope ({@code
 * pgpipe-cdc/ENVELOPE.md}) is split: {@code before} and {@code after} into their columns, the key
 * values into {@code key_columns}, the rest (columns, positions, plus the transaction's {@code
 * commit_lsn}, {@code end_lsn}, {@code last_of_transaction}) into {@code metadata}; joining them
 * gives the envelope back, so the event decodes exactly. Thread-safe.
 */
final class EventRows {

  /** The jsonb texts of one event. */
  record Json(String keys, String before, String after, String metadata) {}

  private final EnvelopeCodec codec = new EnvelopeCodec();
  private final ObjectMapper mapper =
      new ObjectMapper().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  Json split(Transaction tx, ChangeEvent event, boolean lastOfTransaction) {
    ObjectNode envelope = parse(codec.encode(event));
    JsonNode before = envelope.remove("before");
    JsonNode after = envelope.remove("after");
    ObjectNode keys = mapper.createObjectNode();
    JsonNode source = after != null && !after.isNull() ? after : before;
    for (JsonNode key : envelope.path("key")) {
      if (source != null && source.has(key.asText())) {
        keys.set(key.asText(), source.get(key.asText()));
      }
    }
    envelope.put("commit_lsn", Lsn.format(tx.commitLsn()));
    envelope.put("end_lsn", Lsn.format(tx.endLsn()));
    envelope.put("last_of_transaction", lastOfTransaction);
    return new Json(keys.toString(), text(before), text(after), envelope.toString());
  }

  /**
   * The event the columns hold. The envelope is put back together as text, the rows after the rest
   * (a row in its column wins over one left in {@code metadata}), and decoded once; the buffer's
   * own fields are read from {@code metadata} by a second, streaming pass. SQL NULL reads as JSON
   * null.
   */
  BufferedEvent join(
      long id,
      String sourceId,
      @Nullable String before,
      @Nullable String after,
      @Nullable String metadata) {
    String rest = metadata == null ? "" : metadata.strip();
    String fields =
        rest.length() > 1 && rest.charAt(0) == '{' && rest.charAt(rest.length() - 1) == '}'
            ? rest.substring(1, rest.length() - 1).strip()
            : "";
    ChangeEvent event =
        codec.decodeEvent(
            "{"
                + fields
                + (fields.isEmpty() ? "" : ",")
                + "\"before\":"
                + (before == null ? "null" : before)
                + ",\"after\":"
                + (after == null ? "null" : after)
                + "}");
    Place place = place(fields.isEmpty() ? "{}" : rest);
    return new BufferedEvent(id, sourceId, event, place.commitLsn, place.endLsn, place.last);
  }

  /** Where an event stands in its transaction, as {@link #split} wrote it into the metadata. */
  private static final class Place {
    long commitLsn;
    long endLsn;
    boolean last = true;
  }

  private Place place(String metadata) {
    Place place = new Place();
    try (JsonParser in = mapper.getFactory().createParser(metadata)) {
      if (in.nextToken() != JsonToken.START_OBJECT) {
        return place;
      }
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String name = in.currentName();
        in.nextToken();
        switch (name) {
          case "commit_lsn" -> place.commitLsn = Lsn.parse(value(in).asText("0/0"));
          case "end_lsn" -> place.endLsn = Lsn.parse(value(in).asText("0/0"));
          case "last_of_transaction" -> place.last = value(in).asBoolean(true);
          default -> {}
        }
        in.skipChildren();
      }
      return place;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The current value as a tree, JSON null for none. */
  private JsonNode value(JsonParser in) throws IOException {
    JsonNode node = mapper.readTree(in);
    return node == null ? NullNode.getInstance() : node;
  }

  private static String text(@Nullable JsonNode node) {
    return node == null ? "null" : node.toString();
  }

  private ObjectNode parse(String json) {
    return node(json) instanceof ObjectNode object ? object : mapper.createObjectNode();
  }

  private JsonNode node(String json) {
    try {
      return mapper.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
