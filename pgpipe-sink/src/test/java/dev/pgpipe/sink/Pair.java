package dev.pgpipe.sink;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A source (the test's database) and a fresh target database on the same test server. */
public final class Pair {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private Pair() {}

  /** Runs the replicator on a daemon thread; the future ends when {@code run} returns. */
  public static CompletableFuture<Void> start(Replicator replicator) {
    return CompletableFuture.runAsync(
        replicator::run, task -> Thread.ofPlatform().daemon().start(task));
  }

  public static TestDatabase target(String prefix) {
    return TestServer.get()
        .createDatabase(
            prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet());
  }

  public static CdcConfig.Builder source(TestDatabase source, String slot, List<String> tables) {
    CdcConfig.Builder builder =
        CdcConfig.builder()
            .url(source.url())
            .slot(slot)
            .publication(slot)
            .tables(tables)
            .snapshot(SnapshotMode.INITIAL);
    builder
        .tuning()
        .statusInterval(Duration.ofMillis(200))
        .backoff(Duration.ofMillis(20), Duration.ofMillis(200));
    return builder;
  }

  public static SinkConfig.Builder sink(TestDatabase target, String sourceId, List<String> tables) {
    return SinkConfig.builder()
        .url(target.url())
        .sourceId(sourceId)
        .tables(tables)
        .batchSize(1000)
        .flushInterval(Duration.ofMillis(200));
  }

  /** Row count and an order-independent checksum of every column of {@code table}. */
  public static String checksum(TestDatabase db, String table) {
    return text(
        db,
        "SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)::int8), 0) FROM " + table + " t");
  }

  /** Every row of {@code table} as text, in the order of that text: for comparing row by row. */
  public static String rows(TestDatabase db, String table) {
    return text(
        db, "SELECT coalesce(string_agg(t::text, ' ' ORDER BY t::text), '') FROM " + table + " t");
  }

  /** Waits until the target has {@code table} with the same rows as the source. */
  public static void awaitSameRows(
      TestDatabase source, TestDatabase target, String table, Duration timeout) {
    Await.until(
        table + " the same on the target",
        timeout,
        () ->
            text(target, "SELECT to_regclass('" + table + "') IS NOT NULL").equals("t")
                && checksum(source, table).equals(checksum(target, table))
                && rows(source, table).equals(rows(target, table)));
  }

  public static String text(TestDatabase db, String sql) {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
