package dev.pgpipe.cdc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The meters of a {@link DrainLoop}, the one place every change path is counted: events by
 * operation, whole transactions and batches written, and the lag — the age of the oldest change
 * polled but not yet acknowledged (its source commit time), 0 when caught up. The loop's thread
 * updates it; the gauge and {@link #lag()} are read from any thread.
 */
final class DrainMeters {

  private static final Operation[] OPERATIONS = Operation.values();

  private final Counter[] events = new Counter[OPERATIONS.length];
  private final Counter transactions;
  private final Counter batches;
  private final Timer write;
  private final Clock clock;
  private final TransactionSource source;
  private final MeterRegistry registry;
  private final Gauge lagGauge;
  private final long[] perOperation = new long[OPERATIONS.length];
  private volatile long oldestPendingMillis = -1;
  private volatile long lastWrittenMillis = -1;

  DrainMeters(MeterRegistry registry, Tags tags, Clock clock, TransactionSource source) {
    this.clock = clock;
    this.source = source;
    this.registry = registry;
    for (Operation operation : OPERATIONS) {
      events[operation.ordinal()] =
          Counter.builder("pgpipe_cdc_events")
              .description("Change events written and acknowledged, by operation")
              .tags(tags)
              .tag("operation", operation.label())
              .register(registry);
    }
    this.transactions =
        Counter.builder("pgpipe_cdc_transactions")
            .description("Whole source transactions written and acknowledged")
            .tags(tags)
            .register(registry);
    this.batches =
        Counter.builder("pgpipe_cdc_batches")
            .description("Batches written and acknowledged")
            .tags(tags)
            .register(registry);
    this.write =
        Timer.builder("pgpipe_cdc_write")
            .description(
                "Time the sink took to make one batch durable (apply, publish to JetStream...)")
            .tags(tags)
            .publishPercentileHistogram()
            .register(registry);
    this.lagGauge =
        Gauge.builder("pgpipe_cdc_lag_seconds", this, m -> m.lag().toMillis() / 1000.0)
            .description("Age of the oldest change not yet acknowledged; 0 when caught up")
            .tags(tags)
            .register(registry);
  }

  /** Removes the lag gauge (the counters stay), so the next loop of the labels measures itself. */
  void close() {
    registry.remove(lagGauge);
  }

  /** A transaction (or part) joined the open batch. */
  void polled(Transaction tx) {
    if (oldestPendingMillis < 0 && !tx.isSnapshot()) {
      oldestPendingMillis = tx.commitTime().toEpochMilli();
    }
  }

  /** The batch was written in {@code nanos} and acknowledged. */
  void written(List<Transaction> batch, long nanos) {
    write.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    long whole = 0;
    for (Transaction tx : batch) {
      whole += tx.lastPart() ? 1 : 0;
      for (ChangeEvent event : tx.events()) {
        perOperation[event.operation().ordinal()]++;
      }
      if (!tx.isSnapshot()) {
        lastWrittenMillis = tx.commitTime().toEpochMilli();
      }
    }
    for (int i = 0; i < perOperation.length; i++) {
      if (perOperation[i] > 0) {
        events[i].increment(perOperation[i]);
        perOperation[i] = 0;
      }
    }
    transactions.increment(whole);
    batches.increment();
    oldestPendingMillis = -1;
  }

  /**
   * The age of the oldest change polled and not yet acknowledged; while nothing is pending, the age
   * of the last written one if the source has a backlog (catching up), else zero (caught up).
   */
  Duration lag() {
    long pending = oldestPendingMillis;
    long since = pending >= 0 ? pending : source.hasBacklog() ? lastWrittenMillis : -1;
    return since < 0 ? Duration.ZERO : Duration.ofMillis(Math.max(0, clock.millis() - since));
  }
}
