package dev.pgpipe.bench.replicate;

import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.PgException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches a target on one connection of its own, with {@code pg_stat_statements} tracking off for
 * that session (when the role may turn it off), so its polling is not counted among the statements
 * the apply path sends. Times are the server's clock, as epoch seconds.
 */
final class TargetProbe implements AutoCloseable {

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final Database db;

  TargetProbe(ConnectionSettings target) {
    this.db = Database.builder().settings(target).maxSize(1).name("bench-replicate-probe").open();
    try {
      db.sql("SET pg_stat_statements.track = 'none'").update();
    } catch (PgException e) {
      // not a superuser: the probe's few statements are counted too
    }
  }

  /** The server's clock now. */
  double now() {
    return db.sql("SELECT extract(epoch FROM clock_timestamp())::float8").scalar(Double.class);
  }

  /** When tick {@code id} was applied, if it was. */
  Optional<Double> applied(long id) {
    return db.sql("SELECT extract(epoch FROM applied_at)::float8 FROM ticks WHERE id = ?", id)
        .as(Double.class)
        .optional();
  }

  /**
   * Waits until tick {@code id} is applied, checking {@code running} for failures between polls;
   * returns when it was applied.
   *
   * @throws IllegalStateException when it is not applied within {@code timeout}
   */
  double await(long id, Runnable running, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Double> at = applied(id);
      if (at.isPresent()) {
        return at.get();
      }
      running.run();
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            what + ": tick " + id + " not applied within " + timeout + "; see the server log");
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  /** Lag of every tick (applied − sent, seconds): p50, p99 and max, and the number of ticks. */
  LagFigures lag() {
    return db.sql(
            "SELECT count(*)::int8 AS ticks,"
                + " percentile_cont(0.5) WITHIN GROUP (ORDER BY l) AS p50,"
                + " percentile_cont(0.99) WITHIN GROUP (ORDER BY l) AS p99, max(l) AS max"
                + " FROM (SELECT extract(epoch FROM applied_at - sent_at)::float8 AS l"
                + " FROM ticks) t")
        .map(
            r ->
                new LagFigures(
                    r.getLong("ticks"),
                    r.getDouble("p50") * 1000,
                    r.getDouble("p99") * 1000,
                    r.getDouble("max") * 1000))
        .one();
  }

  @Override
  public void close() {
    db.close();
  }
}
