package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Column;
import dev.pgpipe.cdc.EmptyTableMark;
import dev.pgpipe.cdc.EventPosition;
import dev.pgpipe.cdc.LogicalMessage;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.value.ValueKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Hand-made change events for table {@code public.<name> (id int8 key, v text, n int4)}, or with
 * other names for {@code v} and {@code n}.
 */
public final class Events {

  private final TableSchema schema;
  private final List<ChangeEvent> events = new ArrayList<>();
  private final long commitLsn;
  private final String textColumn;
  private final String intColumn;

  /** A logical message event at {@code lsn} (xid 0, index 0). */
  public static ChangeEvent message(
      String prefix, String content, boolean transactional, long lsn) {
    LogicalMessage message =
        new LogicalMessage(prefix, content.getBytes(StandardCharsets.UTF_8), transactional);
    return new ChangeEvent(
        Operation.MESSAGE,
        null,
        null,
        null,
        message,
        0,
        new EventPosition(lsn, 0, Instant.EPOCH, 0));
  }

  public Events(String table, long commitLsn) {
    this(table, commitLsn, "v", "n");
  }

  Events(String table, long commitLsn, String textColumn, String intColumn) {
    this.textColumn = textColumn;
    this.intColumn = intColumn;
    this.schema =
        new TableSchema(
            "public",
            table,
            'd',
            List.of(
                new Column("id", "int8", 20, ValueKind.INT64, false, false, true),
                new Column(textColumn, "text", 25, ValueKind.STRING, false, true, false),
                new Column(intColumn, "int4", 23, ValueKind.INT32, false, true, false)));
    this.commitLsn = commitLsn;
  }

  static Map<String, @Nullable Object> row(long id, @Nullable Object v, @Nullable Object n) {
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("v", v);
    row.put("n", n);
    return row;
  }

  private Map<String, @Nullable Object> values(long id, @Nullable Object v, @Nullable Object n) {
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put(textColumn, v);
    row.put(intColumn, n);
    return row;
  }

  public Events insert(long id, @Nullable Object v, @Nullable Object n) {
    return add(Operation.INSERT, null, values(id, v, n));
  }

  /** A snapshot row: see {@link #snapshot()}. */
  Events snapshotRow(long id, @Nullable Object v, @Nullable Object n) {
    return add(Operation.SNAPSHOT, null, values(id, v, n));
  }

  /** The mark a snapshot sends for this table when it has no rows: see {@link #snapshot()}. */
  Events emptyInSnapshot() {
    events.add(new EmptyTableMark("public", schema.name()).event(position(events.size())));
    return this;
  }

  public Events update(long id, @Nullable Object v, @Nullable Object n) {
    return add(Operation.UPDATE, null, values(id, v, n));
  }

  Events moveKey(long from, long to, @Nullable Object v, @Nullable Object n) {
    Map<String, @Nullable Object> old = new LinkedHashMap<>();
    old.put("id", from);
    return add(Operation.UPDATE, old, values(to, v, n));
  }

  /** An insert whose key column is NULL, which no target row can take. */
  Events keyless(@Nullable Object v, @Nullable Object n) {
    Map<String, @Nullable Object> row = values(0, v, n);
    row.put("id", null);
    return add(Operation.INSERT, null, row);
  }

  public Events delete(long id) {
    Map<String, @Nullable Object> old = new LinkedHashMap<>();
    old.put("id", id);
    return add(Operation.DELETE, old, null);
  }

  Events truncate() {
    events.add(
        new ChangeEvent(Operation.TRUNCATE, schema, null, null, null, 0, position(events.size())));
    return this;
  }

  @SuppressWarnings("NullAway") // the cdc record's row maps take @Nullable values
  private Events add(
      Operation op,
      @Nullable Map<String, @Nullable Object> before,
      @Nullable Map<String, @Nullable Object> after) {
    events.add(new ChangeEvent(op, schema, before, after, null, 0, position(events.size())));
    return this;
  }

  private EventPosition position(int index) {
    return new EventPosition(commitLsn, commitLsn, Instant.now(), index);
  }

  /**
   * Events {@code from} (inclusive) to {@code to} (exclusive) as part {@code part} of {@link #tx}.
   */
  public Transaction part(int part, int from, int to, boolean last) {
    return new Transaction(
        commitLsn,
        commitLsn - 1,
        commitLsn,
        commitLsn + 1,
        Instant.EPOCH,
        events.subList(from, to),
        part,
        last);
  }

  /** The events as snapshot rows taken at consistent point {@code commitLsn} (xid 0, end 0). */
  Transaction snapshot() {
    return new Transaction(0, commitLsn, commitLsn, 0, Instant.EPOCH, events, 0, true);
  }

  public Transaction tx() {
    return new Transaction(
        commitLsn, commitLsn - 1, commitLsn, commitLsn + 1, Instant.now(), events, 0, true);
  }
}
