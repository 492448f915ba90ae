package dev.pgpipe.bench.nats;

import dev.pgpipe.client.Database;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Measures one path: starts it, waits for its slot, writes {@code warmup} transactions and waits
 * for them in the target (none by default: the path's pipeline starts fresh), then writes the
 * workload (one INSERT of {@code rows} rows per transaction on one connection, flat out or at a
 * fixed rate), waits until the target holds every row, stops the path and reads throughput and lag
 * of the workload's rows alone from the target.
 */
final class PathRunner {

  private final BenchDatabases dbs;
  private final int transactions;
  private final int rows;
  private final int warmup;
  private final Duration timeout;
  private final PrintWriter out;

  PathRunner(
      BenchDatabases dbs,
      int transactions,
      int rows,
      int warmup,
      Duration timeout,
      PrintWriter out) {
    this.dbs = dbs;
    this.transactions = transactions;
    this.rows = rows;
    this.warmup = warmup;
    this.timeout = timeout;
    this.out = out;
  }

  PathResult measure(String name, String table, String slot, Supplier<Pipelines.Running> pipeline) {
    return measure(name, table, slot, pipeline, 0, transactions);
  }

  /**
   * As {@link #measure(String, String, String, Supplier)}, writing {@code count} transactions at
   * {@code rate} per second (0: flat out).
   */
  PathResult measure(
      String name,
      String table,
      String slot,
      Supplier<Pipelines.Running> pipeline,
      int rate,
      int count) {
    String note;
    try (Pipelines.Running running = pipeline.get()) {
      await(name + ": slot " + slot, running, () -> dbs.slotExists(slot));
      warmUp(name, table, running, count);
      long start = System.nanoTime();
      write(dbs.source(), table, rate, 0, count);
      double written = (System.nanoTime() - start) / 1e9;
      say(
          "%s: workload written in %.2f s (%,.0f tx/s); waiting for the target",
          name, written, count / written);
      long expected = (long) (warmup + count) * rows;
      await(
          name + ": " + expected + " rows in the target",
          running,
          () -> dbs.targetRows(table) >= expected);
      running.close();
      note = running.note();
    }
    double[] lag = dbs.lagAndSpan(table, (long) count * rows);
    return new PathResult(name, count, (long) count * rows, lag[3], lag[0], lag[1], lag[2], note);
  }

  /** Sends the warm-up transactions through the path, with ids after the workload's. */
  private void warmUp(String name, String table, Pipelines.Running running, int count) {
    if (warmup > 0) {
      write(dbs.source(), table, 0, count, warmup);
      long warmRows = (long) warmup * rows;
      await(
          name + ": " + warmRows + " warm-up rows",
          running,
          () -> dbs.targetRows(table) >= warmRows);
    }
  }

  /**
   * Writes transactions {@code first} to {@code first + count - 1}, each {@code 1/rate} s after the
   * one before (0: at once).
   */
  void write(Database db, String table, int rate, int first, int count) {
    String sql =
        "INSERT INTO " + table + " (id, v) SELECT g, md5(g::text) FROM generate_series(?, ?) g";
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      if (rate > 0) {
        long due = start + (long) (i * (1e9 / rate));
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      long from = (long) (first + i) * rows + 1;
      db.sql(sql, from, from + rows - 1).update();
    }
  }

  void await(String what, Pipelines.Running running, Supplier<Boolean> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.get()) {
      running.check();
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(what + ": not reached within " + timeout);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  void say(String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
    out.flush();
  }
}
