package dev.pgpipe.bench.sink;

import dev.pgpipe.client.Database;
import java.util.concurrent.CompletableFuture;

/**
 * The source side of the end-to-end run: transactions of {@code perTransaction} changes, half new
 * rows and half updates of the rows the previous transaction inserted, committed back to back on
 * one connection. The future yields the number of rows changed.
 */
final class E2eWriter {

  private E2eWriter() {}

  static CompletableFuture<Long> start(Database db, String table, int changes, int perTransaction) {
    return CompletableFuture.supplyAsync(
        () -> write(db, table, changes, perTransaction),
        task -> Thread.ofPlatform().name("bench-sink-writer").daemon().start(task));
  }

  private static long write(Database db, String table, int changes, int perTransaction) {
    int half = Math.max(1, perTransaction / 2);
    long written = 0;
    long next = 1;
    while (written < changes) {
      long first = next;
      long count =
          db.inTransaction(
              tx -> {
                long n =
                    tx.sql(
                            "INSERT INTO "
                                + table
                                + " SELECT g, 'customer-' || g, (g % 1000)::int4, 10000 + g"
                                + " FROM generate_series(?::int8, ?::int8) g",
                            first,
                            first + half - 1)
                        .update();
                return n
                    + tx.sql(
                            "UPDATE "
                                + table
                                + " SET qty = qty + 1, price = price + 1"
                                + " WHERE id BETWEEN ?::int8 AND ?::int8",
                            first - half,
                            first - 1)
                        .update();
              });
      written += count;
      next += half;
    }
    return written;
  }
}
