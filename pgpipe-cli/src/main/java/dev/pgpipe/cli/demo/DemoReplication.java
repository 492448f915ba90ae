package dev.pgpipe.cli.demo;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.SlotInfo;
import dev.pgpipe.cdc.Slots;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.cli.sink.StatusLine;
import dev.pgpipe.cli.verify.VerifyText;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.Identifier;
import dev.pgpipe.sink.Replicator;
import dev.pgpipe.sink.ReplicatorStats;
import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.sink.verify.ReplicaVerifier;
import dev.pgpipe.sink.verify.TableComparison;
import dev.pgpipe.sink.verify.TableName;
import dev.pgpipe.sink.verify.VerifyOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The replication part of {@code pgpipe demo}: the table {@code pgpipe_demo_orders} under writes
 * for a while, replicated by a {@link Replicator} into the same table of a second database ({@code
 * <database>_replica}, dropped and recreated), with a line of rows/s and lag every second and the
 * metrics endpoint served meanwhile; then the target is checked against the source as {@code pgpipe
 * verify} checks it (row counts and chunked row hashes along the key). The slot it used is dropped
 * at the end, so it holds no WAL afterwards.
 */
final class DemoReplication {

  static final String TABLE = "pgpipe_demo_orders";
  private static final String SLOT = "pgpipe_demo";
  private static final String CREATE =
      "CREATE TABLE "
          + TABLE
          + " (id int8 PRIMARY KEY, customer int4 NOT NULL, amount numeric(12,2) NOT NULL,"
          + " status text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())";
  private static final String APPLIED = "pgpipe_sink_rows_applied_total";
  private static final Duration CATCH_UP = Duration.ofSeconds(120);

  private final ConnectionSettings source;
  private final Duration writes;
  private final int rate;
  private final int metricsPort;
  private final PrintWriter out;

  /**
   * @param metricsPort where the demo serves {@code /metrics}, {@code /health} and {@code /ready}
   */
  DemoReplication(
      ConnectionSettings source, Duration writes, int rate, int metricsPort, PrintWriter out) {
    this.source = source;
    this.writes = writes;
    this.rate = rate;
    this.metricsPort = metricsPort;
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
      out.printf(
          "metrics while it runs: curl -s http://127.0.0.1:%d/metrics | grep ^pgpipe_"
              + " (and /ready, /health)%n",
          metricsPort);
      out.flush();
      ReplicatorStats stats = replicateUnderWrites(db, replica, target);
      out.printf(
          Locale.ROOT,
          "replicated %,d changes in %,d transactions, %,d dead letters, in %s%n",
          stats.events(),
          stats.transactions(),
          stats.deadLettered(),
          watch.lap());
      out.printf(
          Locale.ROOT,
          "rows applied by the metrics: curl -s http://127.0.0.1:%d/metrics | grep %s gives %,.0f%n",
          metricsPort,
          APPLIED,
          MetricsScrape.sum(metricsPort, APPLIED));
      out.println("now pgpipe verify:");
      verify(db, replica);
    } finally {
      Slots.drop(source, SLOT, true);
    }
  }

  private ReplicatorStats replicateUnderWrites(
      Database db, Database replica, ConnectionSettings target) {
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
    return stats;
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

  /** Compares the tables as {@code pgpipe verify} does, and prints its line and how to rerun it. */
  private void verify(Database db, Database replica) {
    VerifyOptions options = VerifyOptions.defaults().withTables(List.of(TableName.parse(TABLE)));
    List<TableComparison> results =
        ReplicaVerifier.create(db, replica, options).verify(r -> out.println(VerifyText.line(r)));
    if (results.stream().anyMatch(TableComparison::differs)) {
      throw new IllegalStateException(
          "the replica differs from the source (see the line above): please report it, with the"
              + " demo's output");
    }
    out.printf(
        "rerun the check with the server up (./pgpipe server): pgpipe verify --from %s --to %s"
            + " --tables %s%n",
        withoutPassword(source), withoutPassword(replica.settings()), TABLE);
    out.printf(
        "look at the replica (the server up): pgpipe sql --url %s"
            + " \"SELECT count(*) FROM %s\"%n",
        withoutPassword(replica.settings()), TABLE);
    out.flush();
  }

  /** A URL to print: the password comes from POSTGRES_INPUT_PASSWORD/_OUTPUT_PASSWORD instead. */
  private static String withoutPassword(ConnectionSettings settings) {
    return "postgres://"
        + settings.user()
        + "@"
        + settings.host()
        + ":"
        + settings.port()
        + "/"
        + settings.database();
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
