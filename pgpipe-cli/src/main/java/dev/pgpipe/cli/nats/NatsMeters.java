package dev.pgpipe.cli.nats;

import dev.pgpipe.cli.observe.ComponentHealth;
import dev.pgpipe.nats.ConnectionState;
import dev.pgpipe.nats.ConsumerStats;
import dev.pgpipe.nats.PublisherStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The JetStream meters, read from the publisher's and consumer's own counters at scrape time (so
 * the NATS library keeps one set of counts): messages published and acknowledged by JetStream,
 * duplicates, retries and reconnects; messages delivered to a sink, redeliveries skipped, dead
 * letters, messages pending. Publish latency is the drain loop's {@code pgpipe_cdc_write_seconds}
 * (one part per write). Also the {@code jetstream} component's health for {@code /ready}.
 */
final class NatsMeters {

  private NatsMeters() {}

  /** The meters of a running {@code cdc --to nats}. */
  static MeterBinder publisher(Supplier<PublisherStats> stats) {
    return registry -> {
      counter(
          registry,
          "pgpipe_jetstream_published",
          "Messages JetStream stored (acknowledged)",
          stats,
          PublisherStats::messages);
      counter(
          registry,
          "pgpipe_jetstream_duplicates",
          "Messages JetStream reported as already stored",
          stats,
          PublisherStats::duplicates);
      counter(
          registry,
          "pgpipe_jetstream_publish_retries",
          "Publish attempts retried",
          stats,
          PublisherStats::retries);
      counter(
          registry,
          "pgpipe_jetstream_reconnects",
          "Reconnections of the publisher",
          stats,
          PublisherStats::reconnects);
      counter(
          registry,
          "pgpipe_jetstream_published_bytes",
          "Payload bytes JetStream stored",
          stats,
          PublisherStats::bytes);
    };
  }

  /** The meters of a running {@code sink --from nats}; lag is measured on {@code clock}. */
  static MeterBinder consumer(Supplier<ConsumerStats> stats, Clock clock) {
    return registry -> {
      Gauge.builder("pgpipe_jetstream_consumer_pending", stats, s -> s.get().pending())
          .description("Messages the consumer has not taken yet, as of the last one delivered")
          .register(registry);
      Gauge.builder(
              "pgpipe_jetstream_consumer_lag_seconds",
              stats,
              s -> s.get().lag(clock.instant()).map(lag -> lag.toMillis() / 1000.0).orElse(0.0))
          .description(
              "Age of the last transaction applied while messages are pending; 0 when caught up")
          .register(registry);
      counter(
          registry,
          "pgpipe_jetstream_delivered",
          "Messages handed to the sink",
          stats,
          ConsumerStats::messages);
      counter(
          registry,
          "pgpipe_jetstream_redelivered",
          "Redelivered messages skipped as already applied",
          stats,
          ConsumerStats::skipped);
      counter(
          registry,
          "pgpipe_jetstream_dead_letters",
          "Messages sent to the dead-letter subject",
          stats,
          ConsumerStats::deadLetters);
      counter(
          registry,
          "pgpipe_jetstream_consumer_transactions",
          "Transactions the consumer applied",
          stats,
          ConsumerStats::transactions);
    };
  }

  /** The {@code jetstream} component: ready while the NATS connection is up. */
  static ComponentHealth health(ConnectionState state) {
    return state.connected()
        ? ComponentHealth.up(state.state(), state.lastError())
        : ComponentHealth.down(state.state(), state.lastError());
  }

  private static <S> void counter(
      io.micrometer.core.instrument.MeterRegistry registry,
      String name,
      String description,
      Supplier<S> stats,
      ToDoubleFunction<S> value) {
    FunctionCounter.builder(name, stats, s -> value.applyAsDouble(s.get()))
        .description(description)
        .register(registry);
  }
}
