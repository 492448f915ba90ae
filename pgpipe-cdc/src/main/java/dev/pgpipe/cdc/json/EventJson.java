package dev.pgpipe.cdc.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Column;
import dev.pgpipe.cdc.LogicalMessage;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.cdc.pgoutput.Lsn;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes the fields of one event object (see ENVELOPE.md, "Event"); {@link EventReader} reads them.
 */
final class EventJson {

  private EventJson() {}

  /** Writes the event's fields; {@code tables} writes its table's key and columns. */
  static void writeFields(JsonGenerator out, ChangeEvent event, TableJson tables)
      throws IOException {
    out.writeStringField("op", event.operation().label());
    TableSchema table = event.table();
    if (table != null) {
      out.writeStringField("schema", table.schema());
      out.writeStringField("table", table.name());
      out.writeStringField("replica_identity", String.valueOf(table.replicaIdentity()));
      if (table.relationId() != 0) {
        out.writeNumberField("relation_id", table.relationId());
      }
      tables.write(out, table);
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
    out.writeStringField("commit_time", InstantText.format(event.commitTime()));
    out.writeNumberField("index", event.index());
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
      Object value = row.get(column.name());
      if (value != null || row.containsKey(column.name())) {
        out.writeFieldName(column.name());
        ValueJson.write(out, value, column.kind(), column.array());
      }
    }
    out.writeEndObject();
  }
}
