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
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The changes both apply paths get: {@code changes} row changes to {@code public.<table> (id int8
 * key, name text, qty int4, price int8)} in transactions of {@code perTransaction}; keys drawn from
 * half as many ids as changes, so about half the inserts hit an existing row (upserts), and one
 * change in ten is an update of an existing id. Deterministic for a seed.
 */
final class SinkWorkload {

  static final String COLUMNS = "(id int8 PRIMARY KEY, name text, qty int4, price int8)";

  private SinkWorkload() {}

  /** The transactions, commit LSNs increasing from {@code firstLsn}. */
  static List<Transaction> generate(String table, int changes, int perTransaction, long firstLsn) {
    TableSchema schema =
        new TableSchema(
            "public",
            table,
            'd',
            List.of(
                new Column("id", "int8", 20, ValueKind.INT64, false, false, true),
                new Column("name", "text", 25, ValueKind.STRING, false, true, false),
                new Column("qty", "int4", 23, ValueKind.INT32, false, true, false),
                new Column("price", "int8", 20, ValueKind.INT64, false, true, false)));
    SplittableRandom random = new SplittableRandom(11);
    long keys = Math.max(1, changes / 2);
    List<Transaction> out = new ArrayList<>();
    Instant now = Instant.now();
    for (int start = 0; start < changes; start += perTransaction) {
      long lsn = firstLsn + out.size() * 16L;
      int size = Math.min(perTransaction, changes - start);
      List<ChangeEvent> events = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        long id = random.nextLong(keys) + 1;
        Operation op = random.nextInt(10) == 0 ? Operation.UPDATE : Operation.INSERT;
        EventPosition position = new EventPosition(lsn, lsn, now, i);
        events.add(event(op, schema, row(id, start + i), position));
      }
      out.add(new Transaction(lsn, lsn - 1, lsn, lsn + 1, now, events, 0, true));
    }
    return out;
  }

  @SuppressWarnings("NullAway") // the cdc record's row maps take @Nullable values
  private static ChangeEvent event(
      Operation op, TableSchema schema, Map<String, @Nullable Object> row, EventPosition at) {
    return new ChangeEvent(op, schema, null, row, null, 0, at);
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
