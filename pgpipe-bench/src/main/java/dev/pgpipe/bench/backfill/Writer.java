package dev.pgpipe.bench.backfill;

import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The write load during a backfill: every 10 ms one transaction of {@code rate / 100} row changes,
 * half updates of the backfilled table's rows spread over its keys, a quarter inserts into it, a
 * quarter updates of the small table. Stops on {@link #close()}.
 */
final class Writer implements AutoCloseable {

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong written = new AtomicLong();
  private final Thread thread;

  private Writer(ConnectionSettings source, int rate, long rows) {
    this.thread =
        Thread.ofPlatform().name("bench-backfill-writer").start(() -> write(source, rate, rows));
  }

  static Writer start(ConnectionSettings source, int rate, long rows) {
    return new Writer(source, rate, rows);
  }

  long written() {
    return written.get();
  }

  private void write(ConnectionSettings source, int rate, long rows) {
    int perTick = Math.max(4, rate / 100);
    long next = System.nanoTime();
    long tick = 0;
    try (Database db = BackfillBenchCommand.open(source)) {
      while (running.get()) {
        tick++;
        long base = tick * 7919 % Math.max(1, rows);
        db.sql(
                "WITH u AS (UPDATE bench_big SET n = n + 1, t = now() WHERE id IN"
                    + " (SELECT ? + g * 9973 % ? FROM generate_series(1, ?) g) RETURNING 1),"
                    + " i AS (INSERT INTO bench_big SELECT ? + g, 'new', g, now()"
                    + " FROM generate_series(1, ?) g RETURNING 1),"
                    + " s AS (UPDATE bench_small SET v = 'w' || ? WHERE id <= ? RETURNING 1)"
                    + " SELECT (SELECT count(*) FROM u) + (SELECT count(*) FROM i)"
                    + " + (SELECT count(*) FROM s)",
                base,
                Math.max(1, rows),
                perTick / 2,
                rows + 1_000_000_000L + tick * perTick,
                perTick / 4,
                tick,
                perTick / 4)
            .scalar(Long.class);
        written.addAndGet(perTick);
        next += 10_000_000L;
        LockSupport.parkNanos(next - System.nanoTime());
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(); // idempotent
  }
}
