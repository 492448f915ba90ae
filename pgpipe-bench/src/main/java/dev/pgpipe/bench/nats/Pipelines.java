package dev.pgpipe.bench.nats;

import dev.pgpipe.bench.Background;
import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.nats.ConsumerConfig;
import dev.pgpipe.nats.ConsumerStats;
import dev.pgpipe.nats.NatsSettings;
import dev.pgpipe.nats.PublisherConfig;
import dev.pgpipe.nats.StreamSettings;
import dev.pgpipe.nats.Subjects;
import dev.pgpipe.nats.TransactionConsumer;
import dev.pgpipe.nats.TransactionPublisher;
import dev.pgpipe.nats.TransactionSinkHandler;
import dev.pgpipe.sink.Replicator;
import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.sink.TableSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The two paths under test, each started on background threads and stopped by closing it: {@code
 * replicate} (a {@link Replicator}, no broker) and {@code cdc --to nats} + {@code sink --from nats}
 * (a {@link TransactionPublisher} and a {@link TransactionConsumer} feeding the table sink). Both
 * read with snapshot {@code never} and write through the same sink settings.
 */
final class Pipelines {

  /** Stream and subject prefix of the benchmark, apart from a production {@code PGPIPE}. */
  static final String STREAM = "PGPIPE_BENCH";

  static final String PREFIX = "pgpipe_bench";

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

  static Running broker(CdcConfig source, SinkConfig target, NatsSettings nats, String name) {
    StreamSettings stream = StreamSettings.defaults(STREAM, PREFIX).withMaxAge(Duration.ofHours(1));
    Subjects subjects = Subjects.of(PREFIX);
    PublisherConfig publisher =
        PublisherConfig.builder().nats(nats).stream(stream).subjects(subjects).source(name).build();
    ConsumerConfig consumer =
        ConsumerConfig.builder().nats(nats).stream(stream)
            .subjects(subjects)
            .source(name)
            .durable("bench-sink")
            .fetchWait(Duration.ofMillis(100))
            .build();
    AtomicLong published = new AtomicLong();
    AtomicReference<@Nullable ConsumerStats> consumed = new AtomicReference<>();
    Background pub =
        Background.start(
            "bench-publisher",
            stop -> published.set(TransactionPublisher.run(source, publisher, stop::get)));
    Background sub =
        Background.start(
            "bench-sink",
            stop -> {
              try (TableSink sink = TableSink.open(target)) {
                consumed.set(
                    TransactionConsumer.run(
                        consumer, new TransactionSinkHandler(sink, false), stop::get));
              }
            });
    return new BrokerRun(pub, sub, published, consumed);
  }

  /** The publisher and the consumer of the broker path. */
  private record BrokerRun(
      Background publisher,
      Background consumer,
      AtomicLong published,
      AtomicReference<@Nullable ConsumerStats> consumed)
      implements Running {

    @Override
    public void check() {
      publisher.check();
      consumer.check();
    }

    @Override
    public String note() {
      ConsumerStats stats = consumed.get();
      return String.format(
          java.util.Locale.ROOT,
          "published %,d tx; consumed %s",
          published.get(),
          stats == null
              ? "-"
              : String.format(
                  java.util.Locale.ROOT,
                  "%,d tx in %,d messages, %,d dead letters",
                  stats.transactions(),
                  stats.messages(),
                  stats.deadLetters()));
    }

    @Override
    public void close() {
      try {
        publisher.close();
      } finally {
        consumer.close();
      }
    }
  }
}
