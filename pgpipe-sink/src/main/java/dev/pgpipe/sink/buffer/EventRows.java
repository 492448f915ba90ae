package dev.pgpipe.sink.buffer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.cdc.pgoutput.Lsn;
import java.io.IOException;
import java.io.UncheckedIOException;

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

  BufferedEvent join(long id, String sourceId, String before, String after, String metadata) {
    ObjectNode envelope = parse(metadata);
    envelope.set("before", node(before));
    envelope.set("after", node(after));
    ChangeEvent event = codec.decodeEvent(envelope.toString());
    return new BufferedEvent(
        id,
        sourceId,
        event,
        Lsn.parse(envelope.path("commit_lsn").asText("0/0")),
        Lsn.parse(envelope.path("end_lsn").asText("0/0")),
        envelope.path("last_of_transaction").asBoolean(true));
  }

  private static String text(@org.jspecify.annotations.Nullable JsonNode node) {
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
