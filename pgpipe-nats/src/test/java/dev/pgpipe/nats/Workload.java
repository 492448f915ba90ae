package dev.pgpipe.nats;

import dev.pgpipe.testkit.TestDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** Inserts {@code transactions x rows} rows into {@code t(id, v)}, one transaction at a time. */
final class Workload {

  private Workload() {}

  /**
   * Transactions of {@code rows} rows each, one every {@code pace} (a steady writer, not a burst),
   * from {@link #start} until {@link #stop}.
   */
  static final class Steady {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger written = new AtomicInteger();
    private final CompletableFuture<Void> running;

    private Steady(TestDatabase db, String table, int rows, Duration pace) {
      this.running =
          CompletableFuture.runAsync(
              () -> {
                while (!stop.get()) {
                  insert(db, table, written.get() * rows + 1, rows);
                  written.incrementAndGet();
                  LockSupport.parkNanos(pace.toNanos());
                }
              });
    }

    static Steady start(TestDatabase db, String table, int rows, Duration pace) {
      return new Steady(db, table, rows, pace);
    }

    /** Transactions committed so far. */
    int written() {
      return written.get();
    }

    /** Stops writing; returns how many transactions were committed. */
    int stop() throws Exception {
      stop.set(true);
      running.get();
      return written.get();
    }
  }

  static CompletableFuture<Void> inserts(
      TestDatabase db, String table, int transactions, int rows) {
    return CompletableFuture.runAsync(
        () -> {
          for (int i = 0; i < transactions; i++) {
            insert(db, table, i * rows + 1, rows);
          }
        });
  }

  private static void insert(TestDatabase db, String table, int from, int rows) {
    db.execute(
        "INSERT INTO "
            + table
            + " SELECT g, 'row ' || g FROM generate_series("
            + from
            + ", "
            + (from + rows - 1)
            + ") g");
  }
}
