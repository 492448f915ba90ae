package dev.pgpipe.bench.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.client.Database;
import dev.pgpipe.copy.CopyText;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The most any set-based apply of an insert-and-update workload can reach on this server: each
 * target transaction's net rows (the last change of each key) are loaded untimed beforehand, then
 * only {@code INSERT ... SELECT ... ON CONFLICT DO UPDATE} and COMMIT are timed, one transaction
 * per batch: no COPY, no client work, no ledger. Not for workloads with deletes. Not thread-safe.
 */
final class UpsertCeiling {

  private static final String ROWS = "bench_sink_ceiling_rows";

  private final Database db;

  UpsertCeiling(Database db) {
    this.db = db;
  }

  /**
   * The time to upsert every batch's net rows into {@code table}, which must exist and be empty.
   */
  Duration run(String table, List<List<Transaction>> batches) {
    stage(batches);
    String upsert =
        "INSERT INTO "
            + table
            + " (id, name, qty, price) SELECT id, name, qty, price FROM "
            + ROWS
            + " WHERE batch = ? ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name,"
            + " qty = EXCLUDED.qty, price = EXCLUDED.price";
    try {
      long start = System.nanoTime();
      for (int batch = 0; batch < batches.size(); batch++) {
        int number = batch;
        db.useTransaction(tx -> tx.sql(upsert, number).update());
      }
      return Duration.ofNanos(System.nanoTime() - start);
    } finally {
      db.sql("DROP TABLE IF EXISTS " + ROWS).update();
    }
  }

  private void stage(List<List<Transaction>> batches) {
    db.sql("DROP TABLE IF EXISTS " + ROWS).update();
    db.sql(
            "CREATE UNLOGGED TABLE "
                + ROWS
                + " (batch int4, id int8, name text, qty int4, price int8)")
        .update();
    StringBuilder copy = new StringBuilder();
    for (int batch = 0; batch < batches.size(); batch++) {
      for (Map<String, @Nullable Object> row : netRows(batches.get(batch)).values()) {
        copy.append(batch);
        for (String column : List.of("id", "name", "qty", "price")) {
          Object value = row.get(column);
          copy.append('\t');
          CopyText.appendField(copy, value == null ? null : value.toString());
        }
        copy.append('\n');
      }
    }
    db.copyIn(
        "COPY " + ROWS + " FROM STDIN",
        new ByteArrayInputStream(copy.toString().getBytes(StandardCharsets.UTF_8)));
    db.sql("CREATE INDEX ON " + ROWS + " (batch)").update();
    db.sql("ANALYZE " + ROWS).update();
  }

  private static Map<Object, Map<String, @Nullable Object>> netRows(List<Transaction> batch) {
    Map<Object, Map<String, @Nullable Object>> last = new LinkedHashMap<>();
    for (Transaction tx : batch) {
      for (ChangeEvent event : tx.events()) {
        Map<String, @Nullable Object> row =
            Objects.requireNonNull(event.after(), "the ceiling takes inserts and updates only");
        last.put(Objects.requireNonNull(row.get("id")), row);
      }
    }
    return last;
  }
}
