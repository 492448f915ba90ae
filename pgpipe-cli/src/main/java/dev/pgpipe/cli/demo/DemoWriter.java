package dev.pgpipe.cli.demo;

import dev.pgpipe.client.Database;
import dev.pgpipe.client.SqlRunner;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * The made-up order traffic of the demo: transactions of new orders, status updates and deletes on
 * one table, held to about {@code rate} rows per second, on a thread of its own. {@link
 * #rowsWritten()} may be read from any thread.
 */
final class DemoWriter {

  static final int INITIAL_ROWS = 10_000;
  private static final int INSERTS = 100;
  private static final int UPDATES = 40;
  private static final int DELETES = 10;

  private final Database db;
  private final String table;
  private final int rate;
  private volatile long rowsWritten;

  DemoWriter(Database db, String table, int rate) {
    if (rate < 1) {
      throw new IllegalArgumentException("rate must be > 0: " + rate);
    }
    this.db = db;
    this.table = table;
    this.rate = rate;
  }

  /** Writes for {@code duration} on a new thread; the future completes when it stopped. */
  CompletableFuture<Void> start(Duration duration) {
    return CompletableFuture.runAsync(
        () -> write(duration),
        task -> Thread.ofPlatform().name("pgpipe-demo-writer").daemon().start(task));
  }

  long rowsWritten() {
    return rowsWritten;
  }

  private void write(Duration duration) {
    SplittableRandom random = new SplittableRandom(7);
    long start = System.nanoTime();
    long nextId = INITIAL_ROWS + 1;
    while (System.nanoTime() - start < duration.toNanos()) {
      long first = nextId;
      long low = Math.max(1, first - 5_000);
      long pick = low + random.nextLong(first - low);
      db.useTransaction(tx -> transaction(tx, first, pick));
      nextId += INSERTS;
      rowsWritten += INSERTS + UPDATES + DELETES;
      long ahead = (long) (rowsWritten * 1e9 / rate) - (System.nanoTime() - start);
      if (ahead > 0) {
        LockSupport.parkNanos(ahead);
      }
    }
  }

  /** One transaction: new orders, updates of a range of recent ones, a few deletes. */
  private void transaction(SqlRunner tx, long first, long pick) {
    tx.sql(
            "INSERT INTO "
                + table
                + " (id, customer, amount, status) SELECT g, g % 1000, (g % 997) + 0.25, 'new'"
                + " FROM generate_series(?::int8, ?::int8) g",
            first,
            first + INSERTS - 1)
        .update();
    tx.sql(
            "UPDATE "
                + table
                + " SET status = 'paid', amount = amount + 1, updated_at = now()"
                + " WHERE id IN (SELECT id FROM "
                + table
                + " WHERE id >= ? ORDER BY id LIMIT ?)",
            pick,
            UPDATES)
        .update();
    tx.sql(
            "DELETE FROM "
                + table
                + " WHERE id IN (SELECT id FROM "
                + table
                + " WHERE id >= ? ORDER BY id DESC LIMIT ?)",
            pick,
            DELETES)
        .update();
  }
}
