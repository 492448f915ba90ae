package dev.pgpipe.bench.sink;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.SlotInfo;
import dev.pgpipe.cdc.Slots;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.Identifier;
import dev.pgpipe.sink.Replicator;
import dev.pgpipe.sink.ReplicatorStats;
import dev.pgpipe.sink.SinkConfig;
import java.time.Duration;
import java.util.List;

/**
 * {@code replicate} end to end: a writer commits transactions of inserts and updates to a source
 * table as fast as it can while a {@link Replicator} applies them to a second database (created for
 * the run and dropped after). Measures the time from the writer's start to the moment the target
 * committed the last change, and samples the lag (source commit to target commit) at every tick.
 * Checks the target equals the source at the end.
 */
final class EndToEnd {

  static final String TABLE = "bench_sink_e2e";
  private static final String SLOT = "bench_sink";
  private static final Duration TICK = Duration.ofMillis(100);

  /** The figures of one run. */
  record Result(
      long changes, long transactions, Duration elapsed, Duration lagMean, Duration lagMax) {
    double perSecond() {
      return changes / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }
  }

  private final ConnectionSettings source;
  private final Database db;

  EndToEnd(ConnectionSettings source, Database db) {
    this.source = source;
    this.db = db;
  }

  /** Replicates {@code changes} row changes in transactions of {@code perTransaction}. */
  Result run(int changes, int perTransaction) {
    ConnectionSettings target = recreateTarget();
    try {
      dropSlot();
      db.sql("DROP PUBLICATION IF EXISTS " + SLOT).update();
      db.sql("DROP TABLE IF EXISTS " + TABLE).update();
      db.sql("CREATE TABLE " + TABLE + " " + SinkWorkload.COLUMNS).update();
      try (Database replica = Database.builder().settings(target).maxSize(1).open()) {
        replica.sql("CREATE TABLE " + TABLE + " " + SinkWorkload.COLUMNS).update();
      }
      E2eDriver driver = new E2eDriver(db, source, SLOT, TABLE, changes, perTransaction);
      ReplicatorStats stats = Replicator.runUntil(cdc(), sink(target), TICK, s -> {}, driver::tick);
      Result result = driver.result(stats);
      verify(target);
      return result;
    } finally {
      dropSlot();
      db.sql("DROP TABLE IF EXISTS " + TABLE).update();
      db.sql("DROP DATABASE IF EXISTS " + Identifier.quote(target.database()) + " WITH (FORCE)")
          .update();
    }
  }

  private void verify(ConnectionSettings target) {
    try (Database replica = Database.builder().settings(target).maxSize(1).open()) {
      String expected = ApplyCheck.checksum(db, TABLE);
      String actual = ApplyCheck.checksum(replica, TABLE);
      if (!expected.equals(actual)) {
        throw new IllegalStateException(
            "replicated table differs: " + actual + " vs source " + expected);
      }
    }
  }

  private ConnectionSettings recreateTarget() {
    String name = db.sql("SELECT current_database()").scalar(String.class) + "_bench_sink";
    db.sql("DROP DATABASE IF EXISTS " + Identifier.quote(name) + " WITH (FORCE)").update();
    db.sql("CREATE DATABASE " + Identifier.quote(name)).update();
    return new ConnectionSettings(
        source.host(), source.port(), name, source.user(), source.password(), source.parameters());
  }

  private void dropSlot() {
    for (SlotInfo slot : Slots.list(source)) {
      if (slot.name().equals(SLOT)) {
        Slots.drop(source, SLOT, true);
      }
    }
  }

  private CdcConfig cdc() {
    CdcConfig.Builder builder =
        CdcConfig.builder()
            .connection(source)
            .slot(SLOT)
            .publication(SLOT)
            .tables(List.of(TABLE))
            .snapshot(SnapshotMode.NEVER);
    builder.tuning().statusInterval(Duration.ofMillis(500));
    return builder.build();
  }

  private static SinkConfig sink(ConnectionSettings target) {
    return SinkConfig.builder()
        .connection(target)
        .sourceId(SLOT)
        .tables(List.of(TABLE))
        .batchSize(1000)
        .flushInterval(Duration.ofMillis(100))
        .build();
  }
}
