package dev.pgpipe.bench.nats;

import dev.pgpipe.bench.Background;
import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.nats.BatchLimits;
import dev.pgpipe.nats.ConsumerConfig;
import dev.pgpipe.nats.ConsumerStats;
import dev.pgpipe.nats.NatsSettings;
import dev.pgpipe.nats.PublisherConfig;
import dev.pgpipe.nats.StreamSettings;
import dev.pgpipe.nats.Subjects;
import dev.pgpipe.nats.TransactionConsumer;
import dev.pgpipe.nats.TransactionPublisher;
import dev.pgpipe.nats.TransactionSinkHandler;
import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.sink.TableSink;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * {@code cdc --to nats} and {@code sink --from nats} in this process, as {@code bench nats} and
 * {@code bench replicate} run them: a {@link TransactionPublisher} reading the change stream into
 * the benchmark's stream {@value #STREAM} (subjects {@value #PREFIX}{@code .<name>.>}, kept an
 * hour), and a durable {@link TransactionConsumer} ({@code bench-sink-<name>}, fetching with a wait
 * of {@link #FETCH_WAIT}) handing each transaction to a {@link TableSink}, each on a thread of its
 * own. {@code name} is the publisher's source, so runs on one server do not mix. Closing stops the
 * publisher, then the consumer; {@link #check()} and {@link #close()} throw what either failed
 * with.
 */
public final class BrokerPipeline implements Pipelines.Running {

  /** Stream and subject prefix of the benchmarks, apart from a production {@code PGPIPE}. */
  static final String STREAM = "PGPIPE_BENCH";

  static final String PREFIX = "pgpipe_bench";

  /** How long the consumer's fetch waits for a full batch. */
  public static final Duration FETCH_WAIT = Duration.ofMillis(100);

  private final Background publisher;
  private final Background consumer;
  private final AtomicLong published;
  private final AtomicReference<@Nullable ConsumerStats> consumed;

  private BrokerPipeline(
      Background publisher,
      Background consumer,
      AtomicLong published,
      AtomicReference<@Nullable ConsumerStats> consumed) {
    this.publisher = publisher;
    this.consumer = consumer;
    this.published = published;
    this.consumed = consumed;
  }

  /**
   * Starts publishing {@code source} as {@code name} to NATS and consuming it into {@code target}
   * (whose {@link SinkConfig#connection()} must be set).
   */
  public static BrokerPipeline start(
      CdcConfig source, SinkConfig target, NatsSettings nats, String name) {
    AtomicLong published = new AtomicLong();
    AtomicReference<@Nullable ConsumerStats> consumed = new AtomicReference<>();
    Background pub = publisher(source, nats, name, published);
    Background sub = consumer(target, nats, name, consumed);
    return new BrokerPipeline(pub, sub, published, consumed);
  }

  private static StreamSettings stream() {
    return StreamSettings.defaults(STREAM, PREFIX).withMaxAge(Duration.ofHours(1));
  }

  /** {@code cdc --to nats} alone: publishes {@code source} as {@code name} until closed. */
  static Background publisher(CdcConfig source, NatsSettings nats, String name, AtomicLong count) {
    PublisherConfig config =
        PublisherConfig.builder().nats(nats).stream(stream())
            .subjects(Subjects.of(PREFIX))
            .source(name)
            .build();
    return Background.start(
        "bench-publisher", stop -> count.set(TransactionPublisher.run(source, config, stop::get)));
  }

  /**
   * {@code sink --from nats} alone: applies {@code name}'s transactions to {@code target} in
   * batches of the target's batch size and flush interval, as the CLI does.
   */
  static Background consumer(
      SinkConfig target,
      NatsSettings nats,
      String name,
      AtomicReference<@Nullable ConsumerStats> stats) {
    ConsumerConfig config =
        ConsumerConfig.builder().nats(nats).stream(stream())
            .subjects(Subjects.of(PREFIX))
            .source(name)
            .durable("bench-sink-" + name)
            .fetchWait(FETCH_WAIT)
            .batch(
                new BatchLimits(
                    target.batchSize(),
                    target.batchBytes(),
                    target.flushInterval(),
                    BatchLimits.DEFAULTS.linger()))
            .build();
    return Background.start(
        "bench-sink",
        stop -> {
          try (TableSink sink = TableSink.open(target)) {
            stats.set(
                TransactionConsumer.run(
                    config, new TransactionSinkHandler(sink, false), stop::get));
          }
        });
  }

  @Override
  public void check() {
    publisher.check();
    consumer.check();
  }

  /** The publisher's and the consumer's counters, once closed. */
  @Override
  public String note() {
    ConsumerStats stats = consumed.get();
    return String.format(
        Locale.ROOT,
        "published %,d tx; consumed %s",
        published.get(),
        stats == null
            ? "-"
            : String.format(
                Locale.ROOT,
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
