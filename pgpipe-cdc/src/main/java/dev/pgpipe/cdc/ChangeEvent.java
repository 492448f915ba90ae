package dev.pgpipe.cdc;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One change: a row inserted, updated, deleted or read by the snapshot, a table truncated, or a
 * logical decoding message.
 *
 * <p>{@code after} holds the new row (insert, update, snapshot). {@code before} holds the old row
 * when the server sent it: the key columns for a delete, or for an update that changed the key,
 * under the default replica identity; every column under {@code REPLICA IDENTITY FULL}; null
 * otherwise. Row maps keep table column order; a value is null for SQL NULL, {@link
 * Unchanged#VALUE} for an unchanged TOAST value, else the Java value of {@link Column#kind()}.
 * {@code table} is null only for messages, {@code message} non-null only for them. {@code
 * truncateOptions} has bit {@value #TRUNCATE_CASCADE} for CASCADE and {@value
 * #TRUNCATE_RESTART_IDENTITY} for RESTART IDENTITY. Immutable.
 */
public record ChangeEvent(
    Operation operation,
    @Nullable TableSchema table,
    @Nullable Map<String, @Nullable Object> before,
    @Nullable Map<String, @Nullable Object> after,
    @Nullable LogicalMessage message,
    int truncateOptions,
    EventPosition position) {

  public static final int TRUNCATE_CASCADE = 1;
  public static final int TRUNCATE_RESTART_IDENTITY = 2;

  public ChangeEvent {
    before = before == null ? null : frozen(before);
    after = after == null ? null : frozen(after);
    if ((operation == Operation.MESSAGE) != (message != null)) {
      throw new IllegalArgumentException("a message event, and only it, carries a message");
    }
    if (operation != Operation.MESSAGE && table == null) {
      throw new IllegalArgumentException(operation.label() + " event without a table");
    }
  }

  private static Map<String, @Nullable Object> frozen(Map<String, @Nullable Object> row) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(row));
  }

  public long lsn() {
    return position.lsn();
  }

  public long xid() {
    return position.xid();
  }

  public Instant commitTime() {
    return position.commitTime();
  }

  public int index() {
    return position.index();
  }

  /** The table's {@code schema.name}, or the message prefix for messages. */
  public String source() {
    return table != null ? table.qualifiedName() : message == null ? "" : message.prefix();
  }
}
