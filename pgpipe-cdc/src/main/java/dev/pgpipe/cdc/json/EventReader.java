package dev.pgpipe.cdc.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Column;
import dev.pgpipe.cdc.EventPosition;
import dev.pgpipe.cdc.LogicalMessage;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.cdc.pgoutput.Lsn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads one event object (ENVELOPE.md, "Event") from a streaming parser, its fields in any order
 * and unknown fields skipped. The rows are read as trees and decoded by {@link ValueJson} once the
 * event's columns are known. Each table is handed to {@link SharedTables}, so events of an
 * unchanged table share one {@link TableSchema}. Thread-safe.
 */
final class EventReader {

  private final ObjectMapper mapper;
  private final ColumnsReader columns;
  private final SharedTables tables = new SharedTables();

  EventReader(ObjectMapper mapper) {
    this.mapper = mapper;
    this.columns = new ColumnsReader(mapper.getFactory());
  }

  /**
   * Reads the event object whose START_OBJECT is the parser's current token, leaving the parser at
   * its END_OBJECT. {@code input} is the parser's whole input, a String or a byte array. Only JSON
   * that is not well formed fails here; {@link Draft#event()} checks the fields.
   */
  Draft read(JsonParser in, Object input) throws IOException {
    Draft fields = new Draft(tables);
    Tokens.fields(
        in,
        (name, value) -> {
          switch (name) {
            case "format" -> fields.format = Tokens.optionalText(value);
            case "op" -> fields.op = Tokens.text(value, name);
            case "schema" -> fields.schema = Tokens.text(value, name);
            case "table" -> fields.table = Tokens.text(value, name);
            case "replica_identity" -> fields.identity = value.getValueAsString("d");
            case "relation_id" -> fields.relationId = value.getValueAsLong(0);
            case "key" -> fields.keys = strings(value);
            case "columns" -> {
              fields.columns = columns.read(value, input);
              fields.hasColumns = true;
            }
            case "before" -> fields.before = mapper.readTree(value);
            case "after" -> fields.after = mapper.readTree(value);
            case "message" -> fields.message = mapper.readTree(value);
            case "truncate" -> fields.truncate = mapper.readTree(value);
            case "lsn" -> fields.lsn = Tokens.text(value, name);
            case "xid" -> fields.xid = value.getValueAsLong();
            case "commit_time" -> fields.commitTime = Tokens.text(value, name);
            case "index" -> fields.index = value.getValueAsInt();
            default -> {}
          }
        });
    return fields;
  }

  /** An array's elements as text (a container as empty text); anything else as no elements. */
  private static List<String> strings(JsonParser in) throws IOException {
    List<String> strings = new ArrayList<>();
    if (in.currentToken() != JsonToken.START_ARRAY) {
      return strings;
    }
    while (in.nextToken() != JsonToken.END_ARRAY) {
      strings.add(in.currentToken().isScalarValue() ? in.getText() : "");
      in.skipChildren();
    }
    return strings;
  }

  /** An event's fields as read, before they are checked and made into a {@link ChangeEvent}. */
  static final class Draft {
    private final SharedTables tables;
    @Nullable String format;
    @Nullable String op;
    @Nullable String schema;
    @Nullable String table;
    String identity = "d";
    long relationId;
    List<String> keys = List.of();
    List<Column> columns = List.of();
    boolean hasColumns;
    JsonNode before = NullNode.getInstance();
    JsonNode after = NullNode.getInstance();
    @Nullable JsonNode message;
    @Nullable JsonNode truncate;
    @Nullable String lsn;
    long xid;
    @Nullable String commitTime;
    int index;

    private Draft(SharedTables tables) {
      this.tables = tables;
    }

    /** The {@code format} field, if the object has one. */
    @Nullable String format() {
      return format;
    }

    /** The event these fields make; throws when one is missing or wrong. */
    ChangeEvent event() {
      return event(null);
    }

    /**
     * As {@link #event()}, in a format 2 envelope: an event without {@code columns} takes its
     * table's key and columns (both, whatever {@code key} it has) from {@code described}: the
     * events before it in the envelope that gave them last, per schema and table, among which this
     * one is recorded when it gives them.
     */
    ChangeEvent event(@Nullable Map<List<String>, Draft> described) {
      Operation operation = Operation.fromLabel(Tokens.required(op, "op"));
      EventPosition position =
          new EventPosition(
              Lsn.parse(Tokens.required(lsn, "lsn")),
              xid,
              InstantText.parse(Tokens.required(commitTime, "commit_time")),
              index);
      int options = 0;
      if (truncate != null) {
        options =
            (truncate.path("cascade").asBoolean() ? 1 : 0)
                | (truncate.path("restart_identity").asBoolean() ? 2 : 0);
      }
      LogicalMessage logical = message(message);
      if (table == null) {
        return new ChangeEvent(operation, null, null, null, logical, options, position);
      }
      String schemaName = Tokens.required(schema, "schema");
      inherit(described, schemaName, table);
      TableSchema shape =
          tables.share(
              schemaName,
              table,
              identity.isEmpty() ? 'd' : identity.charAt(0),
              columns,
              relationId,
              keys);
      return new ChangeEvent(
          operation,
          shape,
          row(before, "before", shape.columns()),
          row(after, "after", shape.columns()),
          logical,
          options,
          position);
    }

    private void inherit(
        @Nullable Map<List<String>, Draft> described, String schemaName, String tableName) {
      if (described == null) {
        return; // format 1: every event carries its own
      }
      List<String> name = List.of(schemaName, tableName);
      if (hasColumns) {
        described.put(name, this);
        return;
      }
      Draft earlier = described.get(name);
      if (earlier == null) {
        throw new EnvelopeException(
            "no columns for "
                + schemaName
                + "."
                + tableName
                + ", and no event before it in this envelope gives them (format 2 leaves them"
                + " out only after the table's first event)");
      }
      keys = earlier.keys;
      columns = earlier.columns;
    }

    private static @Nullable LogicalMessage message(@Nullable JsonNode node) {
      if (node == null || !node.isObject()) {
        return null;
      }
      return new LogicalMessage(
          Tokens.required(textual(node, "prefix"), "prefix"),
          Base64.getDecoder().decode(Tokens.required(textual(node, "content"), "content")),
          node.path("transactional").asBoolean());
    }

    private static @Nullable String textual(JsonNode node, String field) {
      JsonNode value = node.get(field);
      return value == null || !value.isTextual() ? null : value.asText();
    }

    private static @Nullable Map<String, @Nullable Object> row(
        JsonNode row, String which, List<Column> columns) {
      if (!row.isObject()) {
        return null;
      }
      Map<String, @Nullable Object> values = new LinkedHashMap<>();
      for (Column column : columns) {
        JsonNode value = row.get(column.name());
        if (value != null) {
          try {
            values.put(column.name(), ValueJson.read(value, column.kind(), column.array()));
          } catch (RuntimeException e) {
            throw Tokens.at(which + " column '" + column.name() + "' (" + column.kind() + ")", e);
          }
        }
      }
      return values;
    }
  }
}
