package dev.pgpipe.cdc;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A cheap estimate of the memory a transaction's events hold, for batching by bytes: a fixed
 * overhead per event and per column, plus the length of text and byte values (a character counted
 * as one byte); other values count as 8. It is a bound for batching, not an exact size.
 */
final class EventBytes {

  static final int PER_EVENT = 64;
  static final int PER_VALUE = 16;

  private EventBytes() {}

  static long of(Transaction tx) {
    long total = 0;
    for (ChangeEvent event : tx.events()) {
      total += PER_EVENT + row(event.before()) + row(event.after());
      LogicalMessage message = event.message();
      total += message == null ? 0 : message.content().length;
    }
    return total;
  }

  private static long row(@Nullable Map<String, @Nullable Object> row) {
    if (row == null) {
      return 0;
    }
    long total = 0;
    for (Object value : row.values()) {
      total += PER_VALUE + value(value);
    }
    return total;
  }

  private static long value(@Nullable Object value) {
    if (value instanceof CharSequence text) {
      return text.length();
    }
    if (value instanceof byte[] bytes) {
      return bytes.length;
    }
    return value == null ? 0 : 8;
  }
}
