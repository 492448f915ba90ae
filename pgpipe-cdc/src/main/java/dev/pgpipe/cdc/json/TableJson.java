package dev.pgpipe.cdc.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.pgpipe.cdc.Column;
import dev.pgpipe.cdc.TableSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an event's {@code key} and {@code columns} fields (ENVELOPE.md, "Event"). Every event of a
 * table carries the same ones, so within one envelope each table (by reference) is rendered once
 * and its text copied into the table's later events, byte for byte what rendering it again would
 * give: it is rendered by a generator of the kind that writes the envelope (to UTF-8 bytes or to
 * characters), which differ in how they write characters outside the BMP. With {@code omitRepeats}
 * (format 2) they are left out of an event whose table equals the one written last under its schema
 * and name in this envelope: equal by content, not by reference alone, so the bytes (and the chunks
 * a publisher cuts them into) depend only on what the events say. Lives as long as one envelope;
 * not thread-safe.
 */
final class TableJson {

  private final JsonFactory factory;
  private final Map<TableSchema, Rendered> rendered = new IdentityHashMap<>();
  private final boolean omitRepeats;
  private final Map<List<String>, TableSchema> lastWritten = new HashMap<>();

  private record Rendered(SerializedString key, SerializedString columns) {}

  TableJson(JsonFactory factory, boolean omitRepeats) {
    this.factory = factory;
    this.omitRepeats = omitRepeats;
  }

  void write(JsonGenerator out, TableSchema table) throws IOException {
    if (omitRepeats) {
      TableSchema last = lastWritten.put(List.of(table.schema(), table.name()), table);
      if (last == table || table.equals(last)) {
        return;
      }
    }
    Rendered json = rendered.get(table);
    if (json == null) {
      boolean bytes = !(out.getOutputTarget() instanceof Writer);
      json =
          new Rendered(
              render(table, TableJson::key, bytes), render(table, TableJson::columns, bytes));
      rendered.put(table, json);
    }
    out.writeFieldName("key");
    out.writeRawValue(json.key());
    out.writeFieldName("columns");
    out.writeRawValue(json.columns());
  }

  private interface Part {
    void write(JsonGenerator out, TableSchema table) throws IOException;
  }

  private SerializedString render(TableSchema table, Part part, boolean bytes) throws IOException {
    if (bytes) {
      ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
      try (JsonGenerator out = factory.createGenerator(utf8, JsonEncoding.UTF8)) {
        part.write(out, table);
      }
      return new SerializedString(utf8.toString(StandardCharsets.UTF_8));
    }
    StringWriter text = new StringWriter();
    try (JsonGenerator out = factory.createGenerator(text)) {
      part.write(out, table);
    }
    return new SerializedString(text.toString());
  }

  private static void key(JsonGenerator out, TableSchema table) throws IOException {
    out.writeStartArray();
    for (String key : table.keyColumns()) {
      out.writeString(key);
    }
    out.writeEndArray();
  }

  private static void columns(JsonGenerator out, TableSchema table) throws IOException {
    out.writeStartArray();
    for (Column column : table.columns()) {
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
}
