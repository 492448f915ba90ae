package dev.pgpipe.bench.nats;

import dev.pgpipe.bench.Background;
import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.sink.Replicator;
import dev.pgpipe.sink.SinkConfig;
import java.time.Duration;
import java.util.List;

/**
 * The two paths under test, each started on background threads and stopped by closing it: {@code
 * replicate} (a {@link Replicator}, no broker) and {@code cdc --to nats} + {@code sink --from nats}
 * ({@link BrokerPipeline}). Both read with snapshot {@code never} and write through the same sink
 * settings.
 */
final class Pipelines {

  /** A running path; {@link #note()} describes its counters once closed. */
  interface Running extends AutoCloseable {
    void check();

    String note();

    @Override
    void close();
  }

  private Pipelines() {}

  static CdcConfig source(ConnectionSettings settings, String table, String slot) {
    return CdcConfig.builder()
        .connection(settings)
        .slot(slot)
        .publication(slot)
        .tables(List.of(table))
        .snapshot(SnapshotMode.NEVER)
        .build();
  }

  static SinkConfig sink(ConnectionSettings settings, String table, String sourceId) {
    return SinkConfig.builder()
        .connection(settings)
        .sourceId(sourceId)
        .tables(List.of(table))
        .batchSize(1000)
        .flushInterval(Duration.ofMillis(100))
        .build();
  }

  static Running direct(CdcConfig source, SinkConfig target) {
    Replicator replicator = Replicator.create(source, target);
    Background thread = Background.start("bench-replicate", stop -> replicator.run());
    return new Running() {
      @Override
      public void check() {
        thread.check();
      }

      @Override
      public String note() {
        var stats = replicator.stats();
        return String.format(
            java.util.Locale.ROOT,
            "%,d batches, %,d dead letters",
            stats.batches(),
            stats.deadLettered());
      }

      @Override
      public void close() {
        replicator.close();
        thread.close();
      }
    };
  }
}
