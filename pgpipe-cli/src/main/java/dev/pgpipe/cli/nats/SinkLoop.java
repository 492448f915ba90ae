package dev.pgpipe.cli.nats;

import dev.pgpipe.cli.StopRules;
import dev.pgpipe.nats.ConsumerStats;
import dev.pgpipe.nats.TransactionConsumer;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Polls a {@link TransactionConsumer} until its {@link StopRules} says so, handing its counters to
 * a status callback every {@code statusEvery}, then closes it (an incomplete transaction is handed
 * back to JetStream for redelivery) and returns the final counters.
 */
final class SinkLoop {

  private SinkLoop() {}

  static ConsumerStats run(
      TransactionConsumer consumer,
      StopRules stop,
      Duration statusEvery,
      Consumer<ConsumerStats> status,
      LongSupplier nanoClock) {
    try (consumer) {
      long nextStatus = nanoClock.getAsLong() + statusEvery.toNanos();
      ConsumerStats stats = consumer.stats();
      while (!stop.stop(stats.transactions(), stats.messages())) {
        consumer.poll();
        stats = consumer.stats();
        long now = nanoClock.getAsLong();
        if (now - nextStatus >= 0) {
          status.accept(stats);
          nextStatus = now + statusEvery.toNanos();
        }
      }
      return consumer.stats();
    }
  }
}
