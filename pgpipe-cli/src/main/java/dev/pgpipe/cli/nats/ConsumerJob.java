package dev.pgpipe.cli.nats;

import dev.pgpipe.cdc.Job;
import dev.pgpipe.cdc.Outcome;
import dev.pgpipe.cdc.StopReason;
import dev.pgpipe.cdc.StopRules;
import dev.pgpipe.nats.ConsumerStats;
import dev.pgpipe.nats.TransactionConsumer;
import java.util.Objects;

/**
 * {@code pgpipe sink --from nats://...} as a {@link Job}: polls a {@link TransactionConsumer} until
 * its {@link StopRules} (with the transactions and messages so far) or {@link #stop()} says so,
 * then closes it (an incomplete transaction is handed back to JetStream for redelivery). One thread
 * runs it; {@link #stop()} and {@link #stats()} may be called from any.
 */
final class ConsumerJob implements Job<ConsumerStats> {

  private final TransactionConsumer consumer;
  private final StopRules rules;
  private volatile boolean stopping;
  private volatile ConsumerStats stats;

  ConsumerJob(TransactionConsumer consumer, StopRules rules) {
    this.consumer = consumer;
    this.rules = rules;
    this.stats = consumer.stats();
  }

  @Override
  public Outcome<ConsumerStats> run() {
    try (consumer) {
      ConsumerStats now = consumer.stats();
      while (!stopping && !rules.stop(now.transactions(), now.messages())) {
        consumer.poll();
        now = consumer.stats();
        stats = now;
      }
      StopReason reason =
          stopping ? StopReason.INTERRUPTED : Objects.requireNonNull(rules.reason());
      return new Outcome<>(reason, now);
    }
  }

  @Override
  public void stop() {
    stopping = true;
  }

  @Override
  public ConsumerStats stats() {
    return stats;
  }
}
