package dev.pgpipe.cdc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Says that the initial snapshot found a table empty. A table without rows sends no snapshot row,
 * so without this mark a snapshot leaves no trace of it; a sink that must know which tables a
 * snapshot covered (to empty what an earlier, cut-short attempt left there) would miss exactly the
 * tables the source emptied in between. The snapshot carries it as a {@link Operation#MESSAGE}
 * event with prefix {@value #PREFIX}, in place of the table's rows, so every path that carries
 * logical messages (stdout, buffer table, JetStream) carries it unchanged. Its content is JSON:
 * {@code {"schema": "...", "table": "..."}}, the table's names at the source.
 */
public record EmptyTableMark(String schema, String table) {

  public static final String PREFIX = "pgpipe.snapshot-empty-table";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The mark as the event a snapshot sends, at {@code position}. */
  public ChangeEvent event(EventPosition position) {
    String content = JSON.createObjectNode().put("schema", schema).put("table", table).toString();
    LogicalMessage message =
        new LogicalMessage(PREFIX, content.getBytes(StandardCharsets.UTF_8), false);
    return new ChangeEvent(Operation.MESSAGE, null, null, null, message, 0, position);
  }

  /**
   * The mark {@code event} carries, if it is one.
   *
   * @throws IllegalArgumentException when a message of this prefix does not name a table
   */
  public static Optional<EmptyTableMark> of(ChangeEvent event) {
    LogicalMessage message = event.message();
    if (message == null || !message.prefix().equals(PREFIX)) {
      return Optional.empty();
    }
    String content = new String(message.content(), StandardCharsets.UTF_8);
    try {
      JsonNode node = JSON.readTree(content);
      JsonNode schema = node.path("schema");
      JsonNode table = node.path("table");
      if (schema.isTextual() && table.isTextual()) {
        return Optional.of(new EmptyTableMark(schema.asText(), table.asText()));
      }
    } catch (JacksonException e) {
      // reported below, with the content
    }
    throw new IllegalArgumentException(
        "a message with prefix "
            + PREFIX
            + " must name a table as {\"schema\": ..., \"table\": ...}, not: "
            + content);
  }
}
