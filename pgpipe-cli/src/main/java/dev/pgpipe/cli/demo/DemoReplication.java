package dev.pgpipe.cli.demo;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.SlotInfo;
import dev.pgpipe.cdc.Slots;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.cli.sink.StatusLine;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.Identifier;
import dev.pgpipe.sink.Replicator;
import dev.pgpipe.sink.ReplicatorStats;
import dev.pgpipe.sink.SinkConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The replication part of {@code pgpipe demo}: the table {@code pgpipe_demo_orders} under writes
 * for a while, replicated by a {@link Replicator} into the same table of a second database ({@code
 * <database>_replica}, dropped and recreated), with a line of rows/s and lag every second; then the
 * target is checked against the source (row count and a checksum of every row). The slot it used is
 * dropped at the end, so it holds no WAL afterwards.
 */
final class DemoReplication {

  static final String TABLE = "pgpipe_demo_orders";
  private static final String SLOT = "pgpipe_demo";
  private static final String CREATE =
      "CREATE TABLE "
          + TABLE
          + " (id int8 PRIMARY KEY, customer int4 NOT NULL, amount numeric(12,2) NOT NULL,"
          + " status text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())";
  private static final Duration CATCH_UP = Duration.ofSeconds(120);

  private final ConnectionSettings source;
  private final Duration writes;
  private final int rate;
  private final PrintWriter out;

  DemoReplication(ConnectionSettings source, Duration writes, int rate, PrintWriter out) {
    this.source = source;
    this.writes = writes;
    this.rate = rate;
    this.out = out;
  }

  /** Runs the replication part; throws when the target does not end up equal to the source. */
  void run(Database db) {
    Stopwatch watch = Stopwatch.start();
    ConnectionSettings target = recreateTarget(db);
    prepareSource(db);
    try (Database replica = Database.builder().settings(target).maxSize(2).open()) {
      replica.sql(CREATE).update();
      out.printf(
          "created database %s with an empty %s in %s; replicating %s into it (%s of writes)%n",
          target.database(), TABLE, watch.lap(), TABLE, writes.toSeconds() + " s");
      out.flush();
      DemoWriter writer = new DemoWriter(db, TABLE, rate);
      CompletableFuture<Void> writing = writer.start(writes);
      StatusLine line = new StatusLine(System.nanoTime());
      long[] doneAt = {0};
      ReplicatorStats stats =
          Replicator.runUntil(
              cdc(),
              sink(target),
              Duration.ofSeconds(1),
              s -> live(line, s, writer),
              s -> caughtUp(writing, db, replica, doneAt));
      writing.join();
      verify(db, replica, stats, watch);
    } finally {
      Slots.drop(source, SLOT, true);
    }
  }

  private void live(StatusLine line, ReplicatorStats stats, DemoWriter writer) {
    out.printf(
        Locale.ROOT,
        "  %,d rows written, %s%n",
        writer.rowsWritten(),
        line.format(stats, System.nanoTime()));
    out.flush();
  }

  /** After the writes: stop once the target has every row the source has (or give up). */
  private boolean caughtUp(
      CompletableFuture<Void> writing, Database db, Database replica, long[] doneAt) {
    if (!writing.isDone()) {
      return false;
    }
    if (doneAt[0] == 0) {
      doneAt[0] = System.nanoTime();
    }
    return checksum(db).equals(checksum(replica))
        || System.nanoTime() - doneAt[0] > CATCH_UP.toNanos();
  }

  private void verify(Database db, Database replica, ReplicatorStats stats, Stopwatch watch) {
    String expected = checksum(db);
    String actual = checksum(replica);
    if (!expected.equals(actual)) {
      throw new IllegalStateException(
          "the replica differs from the source: " + actual + " vs " + expected);
    }
    String[] parts = expected.split(":");
    out.printf(
        Locale.ROOT,
        "target equals source: %,d rows, checksum %s; %,d rows applied in %,d transactions,"
            + " %,d dead letters; replication took %s%n",
        Long.parseLong(parts[0]),
        parts[1],
        stats.events(),
        stats.transactions(),
        stats.deadLettered(),
        watch.lap());
    out.flush();
  }

  private ConnectionSettings recreateTarget(Database db) {
    String name = db.sql("SELECT current_database()").scalar(String.class) + "_replica";
    String quoted = Identifier.quote(name);
    db.sql("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)").update();
    db.sql("CREATE DATABASE " + quoted).update();
    return new ConnectionSettings(
        source.host(), source.port(), name, source.user(), source.password(), source.parameters());
  }

  private void prepareSource(Database db) {
    for (SlotInfo slot : Slots.list(source)) {
      if (slot.name().equals(SLOT)) {
        Slots.drop(source, SLOT, true);
      }
    }
    db.sql("DROP PUBLICATION IF EXISTS " + SLOT).update();
    db.sql("DROP TABLE IF EXISTS " + TABLE).update();
    db.sql(CREATE).update();
    db.sql(
            "INSERT INTO "
                + TABLE
                + " (id, customer, amount, status) SELECT g, g % 1000, g % 997 + 0.5, 'new'"
                + " FROM generate_series(1, ?) g",
            DemoWriter.INITIAL_ROWS)
        .update();
  }

  private CdcConfig cdc() {
    CdcConfig.Builder builder =
        CdcConfig.builder()
            .connection(source)
            .slot(SLOT)
            .publication(SLOT)
            .tables(List.of(TABLE))
            .snapshot(SnapshotMode.INITIAL);
    builder.tuning().statusInterval(Duration.ofMillis(500));
    return builder.build();
  }

  private static SinkConfig sink(ConnectionSettings target) {
    return SinkConfig.builder()
        .connection(target)
        .sourceId(SLOT)
        .tables(List.of(TABLE))
        .batchSize(1000)
        .flushInterval(Duration.ofMillis(200))
        .build();
  }

  /** Row count and an order-independent checksum of every row: {@code count:sum}. */
  private static String checksum(Database db) {
    return db.sql(
            "SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)::int8), 0) FROM "
                + TABLE
                + " t")
        .scalar(String.class);
  }
}
