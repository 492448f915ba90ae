package dev.pgpipe.bench.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Column;
import dev.pgpipe.cdc.EventPosition;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.value.ValueKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The changes both apply paths get: {@code changes} row changes to {@code public.<table> (id int8
 * key, name text, qty int4, price int8)} in transactions of {@code perTransaction}, shaped by a
 * {@link Shape}. Deterministic for a seed.
 */
final class SinkWorkload {

  static final String COLUMNS = "(id int8 PRIMARY KEY, name text, qty int4, price int8)";

  /** How the changes pick their keys. */
  enum Shape {
    /**
     * Keys drawn uniformly from half as many ids as changes: about half the inserts hit an existing
     * row (upserts), one change in ten is an update; a key rarely repeats within a batch.
     */
    UNIFORM,
    /**
     * Order lifecycles (an order book, a job queue): {@code live} open rows, each added, modified
     * zero to four times, then deleted and replaced by a new one; each change advances a random
     * open row. The fewer open rows, the more often a key repeats within a batch.
     */
    ORDERS;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private SinkWorkload() {}

  /** The transactions, commit LSNs increasing from {@code firstLsn}. */
  static List<Transaction> generate(
      String table, int changes, int perTransaction, long firstLsn, Shape shape, int live) {
    TableSchema schema = schema(table);
    Keys keys = new Keys(shape, changes, live);
    List<Transaction> out = new ArrayList<>();
    Instant now = Instant.now();
    for (int start = 0; start < changes; start += perTransaction) {
      long lsn = firstLsn + out.size() * 16L;
      int size = Math.min(perTransaction, changes - start);
      List<ChangeEvent> events = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        EventPosition position = new EventPosition(lsn, lsn, now, i);
        events.add(keys.next(schema, start + i, position));
      }
      out.add(new Transaction(lsn, lsn - 1, lsn, lsn + 1, now, events, 0, true));
    }
    return out;
  }

  private static TableSchema schema(String table) {
    return new TableSchema(
        "public",
        table,
        'd',
        List.of(
            new Column("id", "int8", 20, ValueKind.INT64, false, false, true),
            new Column("name", "text", 25, ValueKind.STRING, false, true, false),
            new Column("qty", "int4", 23, ValueKind.INT32, false, true, false),
            new Column("price", "int8", 20, ValueKind.INT64, false, true, false)));
  }

  /** Draws each change's operation and key. Not thread-safe. */
  private static final class Keys {
    private final Shape shape;
    private final long keySpace;
    private final SplittableRandom random = new SplittableRandom(11);
    private final long[] openIds;
    private final int[] modificationsLeft;
    private long nextId = 1;

    Keys(Shape shape, int changes, int live) {
      this.shape = shape;
      this.keySpace = Math.max(1, changes / 2);
      this.openIds = new long[live];
      this.modificationsLeft = new int[live];
    }

    ChangeEvent next(TableSchema schema, int n, EventPosition at) {
      if (shape == Shape.UNIFORM) {
        long id = random.nextLong(keySpace) + 1;
        Operation op = random.nextInt(10) == 0 ? Operation.UPDATE : Operation.INSERT;
        return event(op, schema, null, row(id, n), at);
      }
      int slot = random.nextInt(openIds.length);
      long id = openIds[slot];
      if (id == 0) {
        openIds[slot] = nextId++;
        modificationsLeft[slot] = random.nextInt(5);
        return event(Operation.INSERT, schema, null, row(openIds[slot], n), at);
      }
      if (modificationsLeft[slot]-- > 0) {
        return event(Operation.UPDATE, schema, null, row(id, n), at);
      }
      openIds[slot] = 0;
      Map<String, @Nullable Object> key = new LinkedHashMap<>();
      key.put("id", id);
      return event(Operation.DELETE, schema, key, null, at);
    }
  }

  @SuppressWarnings("NullAway") // the cdc record's row maps take @Nullable values
  private static ChangeEvent event(
      Operation op,
      TableSchema schema,
      @Nullable Map<String, @Nullable Object> before,
      @Nullable Map<String, @Nullable Object> after,
      EventPosition at) {
    return new ChangeEvent(op, schema, before, after, null, 0, at);
  }

  private static Map<String, @Nullable Object> row(long id, int n) {
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("name", "customer-" + (n % 5000) + "-" + n);
    row.put("qty", n % 1000);
    row.put("price", 10_000L + n);
    return row;
  }
}
