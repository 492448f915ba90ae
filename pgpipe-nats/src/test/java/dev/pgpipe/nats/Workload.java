package dev.pgpipe.nats;

import dev.pgpipe.testkit.TestDatabase;
import java.util.concurrent.CompletableFuture;

/** Inserts {@code transactions x rows} rows into {@code t(id, v)}, one transaction at a time. */
final class Workload {

  private Workload() {}

  static CompletableFuture<Void> inserts(
      TestDatabase db, String table, int transactions, int rows) {
    return CompletableFuture.runAsync(
        () -> {
          for (int i = 0; i < transactions; i++) {
            int from = i * rows + 1;
            db.execute(
                "INSERT INTO "
                    + table
                    + " SELECT g, 'row ' || g FROM generate_series("
                    + from
                    + ", "
                    + (from + rows - 1)
                    + ") g");
          }
        });
  }
}
