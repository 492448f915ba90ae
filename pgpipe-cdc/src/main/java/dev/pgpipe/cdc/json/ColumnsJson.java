package dev.pgpipe.cdc.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pgpipe.cdc.Column;
import dev.pgpipe.cdc.TableSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an event's {@code columns} field (ENVELOPE.md, "Event"). Every event of a table carries
 * the same columns, so within one envelope each table (by reference) is rendered once and its text
 * copied into the table's later events, byte for byte what rendering it again would give. Lives as
 * long as one envelope; not thread-safe.
 */
final class ColumnsJson {

  private final JsonFactory factory;
  private final Map<TableSchema, String> rendered = new IdentityHashMap<>();

  ColumnsJson(JsonFactory factory) {
    this.factory = factory;
  }

  void write(JsonGenerator out, TableSchema table) throws IOException {
    String json = rendered.get(table);
    if (json == null) {
      StringWriter text = new StringWriter();
      try (JsonGenerator columns = factory.createGenerator(text)) {
        render(columns, table.columns());
      }
      json = text.toString();
      rendered.put(table, json);
    }
    out.writeFieldName("columns");
    out.writeRawValue(json);
  }

  private static void render(JsonGenerator out, List<Column> columns) throws IOException {
    out.writeStartArray();
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
}
