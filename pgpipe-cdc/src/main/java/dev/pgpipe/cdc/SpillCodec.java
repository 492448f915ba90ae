package dev.pgpipe.cdc;

import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.cdc.value.ValueKind;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The events of one spill file, in a compact binary form: each table's schema is written once, at
 * its first event, and referred to by number after that; row values by {@link SpillValues}. An
 * event with a value that has no binary form is written as its JSON envelope instead. One codec per
 * file: it remembers the tables written or read so far. Not thread-safe.
 *
 * <pre>
 * event  = 'B' op:u8 lsn:i64 xid:i64 commitSecond:i64 commitNano:i32 index:i32 truncate:i32
 *              table message row(before) row(after)
 *        | 'J' length:i32 json:bytes[length]
 * table  = -1 (none) | n (the n-th table of the file) | -2 schema name identity:u16 columns
 *          relationId:i64 keyOrder:(count:i32 name*)
 * column = name typeName typeOid:i64 kind:u8 array nullable key typmod:i32 definition? missing?
 *          (? = present:bool then the text)
 * row    = -1 (none) | count:i32 { column:i32 (index in the table, or -1 then name) value }
 * </pre>
 */
final class SpillCodec {

  private static final int NO_TABLE = -1;
  private static final int NEW_TABLE = -2;

  private final EnvelopeCodec json;
  private final Map<TableSchema, Integer> written = new IdentityHashMap<>();
  private final Map<TableSchema, Map<String, Integer>> columnIndex = new IdentityHashMap<>();
  private final List<TableSchema> read = new ArrayList<>();
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);

  SpillCodec(EnvelopeCodec json) {
    this.json = json;
  }

  /** Appends the event to {@code out}. */
  void write(DataOutputStream out, ChangeEvent event) throws IOException {
    buffer.reset();
    DataOutputStream binary = new DataOutputStream(buffer);
    TableSchema table = event.table();
    boolean newTable = table != null && !written.containsKey(table);
    if (binary(binary, event, newTable)) {
      if (newTable) {
        written.put(table, written.size());
      }
      out.writeByte('B');
      buffer.writeTo(out);
      return;
    }
    byte[] envelope = json.encodeBytes(event);
    out.writeByte('J');
    out.writeInt(envelope.length);
    out.write(envelope);
  }

  private boolean binary(DataOutputStream out, ChangeEvent event, boolean newTable)
      throws IOException {
    out.writeByte(event.operation().ordinal());
    EventPosition position = event.position();
    out.writeLong(position.lsn());
    out.writeLong(position.xid());
    out.writeLong(position.commitTime().getEpochSecond());
    out.writeInt(position.commitTime().getNano());
    out.writeInt(position.index());
    out.writeInt(event.truncateOptions());
    TableSchema table = event.table();
    if (table == null) {
      out.writeInt(NO_TABLE);
    } else if (newTable) {
      out.writeInt(NEW_TABLE);
      writeTable(out, table);
    } else {
      out.writeInt(java.util.Objects.requireNonNull(written.get(table)));
    }
    writeMessage(out, event.message());
    return writeRow(out, table, event.before()) && writeRow(out, table, event.after());
  }

  private static void writeTable(DataOutput out, TableSchema table) throws IOException {
    text(out, table.schema());
    text(out, table.name());
    out.writeChar(table.replicaIdentity());
    out.writeInt(table.columns().size());
    for (Column column : table.columns()) {
      text(out, column.name());
      text(out, column.typeName());
      out.writeLong(column.typeOid());
      out.writeByte(column.kind().ordinal());
      out.writeBoolean(column.array());
      out.writeBoolean(column.nullable());
      out.writeBoolean(column.key());
      out.writeInt(column.typeModifier());
      optional(out, column.definition());
      optional(out, column.missing());
    }
    out.writeLong(table.relationId());
    out.writeInt(table.keyOrder().size());
    for (String key : table.keyOrder()) {
      text(out, key);
    }
  }

  private static void optional(DataOutput out, @Nullable String text) throws IOException {
    out.writeBoolean(text != null);
    if (text != null) {
      text(out, text);
    }
  }

  private static @Nullable String optional(DataInput in) throws IOException {
    return in.readBoolean() ? text(in) : null;
  }

  private static void writeMessage(DataOutput out, @Nullable LogicalMessage message)
      throws IOException {
    out.writeBoolean(message != null);
    if (message != null) {
      text(out, message.prefix());
      out.writeBoolean(message.transactional());
      byte[] content = message.content();
      out.writeInt(content.length);
      out.write(content);
    }
  }

  private boolean writeRow(
      DataOutput out, @Nullable TableSchema table, @Nullable Map<String, @Nullable Object> row)
      throws IOException {
    if (row == null) {
      out.writeInt(-1);
      return true;
    }
    Map<String, Integer> columns =
        table == null ? Map.of() : columnIndex.computeIfAbsent(table, SpillCodec::indexOf);
    out.writeInt(row.size());
    for (Map.Entry<String, @Nullable Object> entry : row.entrySet()) {
      Integer index = columns.get(entry.getKey());
      out.writeInt(index == null ? -1 : index);
      if (index == null) {
        text(out, entry.getKey());
      }
      if (!SpillValues.write(out, entry.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Integer> indexOf(TableSchema table) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < table.columns().size(); i++) {
      index.put(table.columns().get(i).name(), i);
    }
    return index;
  }

  /** Reads the next event {@link #write} wrote. */
  ChangeEvent read(DataInputStream in) throws IOException {
    int form = in.readByte();
    if (form == 'J') {
      byte[] envelope = new byte[in.readInt()];
      in.readFully(envelope);
      return json.decodeEvent(envelope);
    }
    if (form != 'B') {
      throw new IOException("corrupt spill file: unknown event form " + form);
    }
    Operation operation = Operation.values()[in.readByte()];
    long lsn = in.readLong();
    long xid = in.readLong();
    Instant commit = Instant.ofEpochSecond(in.readLong(), in.readInt());
    EventPosition position = new EventPosition(lsn, xid, commit, in.readInt());
    int truncateOptions = in.readInt();
    TableSchema table = readTable(in);
    LogicalMessage message = readMessage(in);
    Map<String, @Nullable Object> before = readRow(in, table);
    Map<String, @Nullable Object> after = readRow(in, table);
    return new ChangeEvent(operation, table, before, after, message, truncateOptions, position);
  }

  private @Nullable TableSchema readTable(DataInput in) throws IOException {
    int ref = in.readInt();
    if (ref == NO_TABLE) {
      return null;
    }
    if (ref != NEW_TABLE) {
      return read.get(ref);
    }
    String schema = text(in);
    String name = text(in);
    char identity = in.readChar();
    int count = in.readInt();
    List<Column> columns = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      columns.add(
          new Column(
              text(in),
              text(in),
              in.readLong(),
              ValueKind.values()[in.readByte()],
              in.readBoolean(),
              in.readBoolean(),
              in.readBoolean(),
              in.readInt(),
              optional(in),
              optional(in)));
    }
    long relationId = in.readLong();
    int keys = in.readInt();
    List<String> keyOrder = new ArrayList<>(keys);
    for (int i = 0; i < keys; i++) {
      keyOrder.add(text(in));
    }
    TableSchema table = new TableSchema(schema, name, identity, columns, relationId, keyOrder);
    read.add(table);
    return table;
  }

  private static @Nullable LogicalMessage readMessage(DataInput in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    String prefix = text(in);
    boolean transactional = in.readBoolean();
    byte[] content = new byte[in.readInt()];
    in.readFully(content);
    return new LogicalMessage(prefix, content, transactional);
  }

  private static @Nullable Map<String, @Nullable Object> readRow(
      DataInput in, @Nullable TableSchema table) throws IOException {
    int size = in.readInt();
    if (size < 0) {
      return null;
    }
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      int index = in.readInt();
      String name = index >= 0 && table != null ? table.columns().get(index).name() : text(in);
      row.put(name, SpillValues.read(in));
    }
    return row;
  }

  private static void text(DataOutput out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String text(DataInput in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
