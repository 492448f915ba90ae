package dev.pgpipe.cdc.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Column;
import dev.pgpipe.cdc.EventPosition;
import dev.pgpipe.cdc.LogicalMessage;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.cdc.value.ValueKind;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The fields of one event object (see ENVELOPE.md, "Event"). */
final class EventJson {

  private EventJson() {}

  static void writeFields(JsonGenerator out, ChangeEvent event) throws IOException {
    out.writeStringField("op", event.operation().label());
    TableSchema table = event.table();
    if (table != null) {
      out.writeStringField("schema", table.schema());
      out.writeStringField("table", table.name());
      out.writeStringField("replica_identity", String.valueOf(table.replicaIdentity()));
      if (table.relationId() != 0) {
        out.writeNumberField("relation_id", table.relationId());
      }
      out.writeArrayFieldStart("key");
      for (String key : table.keyColumns()) {
        out.writeString(key);
      }
      out.writeEndArray();
      writeColumns(out, table.columns());
      writeRow(out, "before", event.before(), table.columns());
      writeRow(out, "after", event.after(), table.columns());
    }
    LogicalMessage message = event.message();
    if (message != null) {
      out.writeObjectFieldStart("message");
      out.writeStringField("prefix", message.prefix());
      out.writeStringField("content", Base64.getEncoder().encodeToString(message.content()));
      out.writeBooleanField("transactional", message.transactional());
      out.writeEndObject();
    }
    if (event.operation() == Operation.TRUNCATE) {
      out.writeObjectFieldStart("truncate");
      out.writeBooleanField("cascade", (event.truncateOptions() & 1) != 0);
      out.writeBooleanField("restart_identity", (event.truncateOptions() & 2) != 0);
      out.writeEndObject();
    }
    out.writeStringField("lsn", Lsn.format(event.lsn()));
    out.writeNumberField("xid", event.xid());
    out.writeStringField("commit_time", event.commitTime().toString());
    out.writeNumberField("index", event.index());
  }

  private static void writeColumns(JsonGenerator out, List<Column> columns) throws IOException {
    out.writeArrayFieldStart("columns");
    for (Column column : columns) {
      out.writeStartObject();
      out.writeStringField("name", column.name());
      out.writeStringField("type", column.typeName());
      out.writeNumberField("oid", column.typeOid());
      out.writeStringField("kind", column.kind().name().toLowerCase(Locale.ROOT));
      out.writeBooleanField("array", column.array());
      out.writeBooleanField("nullable", column.nullable());
      out.writeBooleanField("key", column.key());
      if (column.typeModifier() != -1) {
        out.writeNumberField("typmod", column.typeModifier());
      }
      if (column.definition() != null) {
        out.writeStringField("definition", column.definition());
      }
      if (column.missing() != null) {
        out.writeStringField("missing", column.missing());
      }
      out.writeEndObject();
    }
    out.writeEndArray();
  }

  private static void writeRow(
      JsonGenerator out,
      String field,
      @Nullable Map<String, @Nullable Object> row,
      List<Column> columns)
      throws IOException {
    if (row == null) {
      out.writeNullField(field);
      return;
    }
    out.writeObjectFieldStart(field);
    for (Column column : columns) {
      if (row.containsKey(column.name())) {
        out.writeFieldName(column.name());
        ValueJson.write(out, row.get(column.name()), column.kind(), column.array());
      }
    }
    out.writeEndObject();
  }

  static ChangeEvent read(JsonNode node) {
    Operation operation = Operation.fromLabel(text(node, "op"));
    EventPosition position =
        new EventPosition(
            Lsn.parse(text(node, "lsn")),
            node.path("xid").asLong(),
            Instant.parse(text(node, "commit_time")),
            node.path("index").asInt());
    JsonNode messageNode = node.path("message");
    LogicalMessage message =
        messageNode.isObject()
            ? new LogicalMessage(
                text(messageNode, "prefix"),
                Base64.getDecoder().decode(text(messageNode, "content")),
                messageNode.path("transactional").asBoolean())
            : null;
    JsonNode truncate = node.path("truncate");
    int options =
        (truncate.path("cascade").asBoolean() ? 1 : 0)
            | (truncate.path("restart_identity").asBoolean() ? 2 : 0);
    if (!node.hasNonNull("table")) {
      return new ChangeEvent(operation, null, null, null, message, options, position);
    }
    TableSchema table = readTable(node);
    return new ChangeEvent(
        operation,
        table,
        readRow(node.path("before"), table.columns()),
        readRow(node.path("after"), table.columns()),
        message,
        options,
        position);
  }

  private static TableSchema readTable(JsonNode node) {
    List<Column> columns = new ArrayList<>();
    for (JsonNode column : node.path("columns")) {
      columns.add(
          new Column(
              text(column, "name"),
              text(column, "type"),
              column.path("oid").asLong(),
              ValueKind.valueOf(text(column, "kind").toUpperCase(Locale.ROOT)),
              column.path("array").asBoolean(),
              column.path("nullable").asBoolean(),
              column.path("key").asBoolean(),
              column.path("typmod").asInt(-1),
              optional(column, "definition"),
              optional(column, "missing")));
    }
    String identity = node.path("replica_identity").asText("d");
    return new TableSchema(
        text(node, "schema"),
        text(node, "table"),
        identity.isEmpty() ? 'd' : identity.charAt(0),
        columns,
        node.path("relation_id").asLong(0),
        keys(node.path("key")));
  }

  private static List<String> keys(JsonNode array) {
    List<String> keys = new ArrayList<>();
    array.forEach(k -> keys.add(k.asText()));
    return keys;
  }

  private static @Nullable String optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isTextual() ? null : value.asText();
  }

  private static @Nullable Map<String, @Nullable Object> readRow(
      JsonNode row, List<Column> columns) {
    if (!row.isObject()) {
      return null;
    }
    Map<String, @Nullable Object> values = new LinkedHashMap<>();
    for (Column column : columns) {
      JsonNode value = row.get(column.name());
      if (value != null) {
        values.put(column.name(), ValueJson.read(value, column.kind(), column.array()));
      }
    }
    return values;
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new EnvelopeException("missing text field '" + field + "' in " + abbreviate(node));
    }
    return value.asText();
  }

  static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() > 120 ? text.substring(0, 120) + "..." : text;
  }
}
