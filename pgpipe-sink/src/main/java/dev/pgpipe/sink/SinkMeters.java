package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.cdc.Transaction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The meters of a {@link TableSink}'s apply path, which every sink path (replicate, buffer, NATS)
 * goes through, labelled with the source id, in Micrometer's global registry: rows committed by
 * table and operation, batches, the time of a batch's apply (a histogram, retries included), dead
 * letters, retries, and first attempts the target refused. Thread-safe.
 */
final class SinkMeters {

  private static final Operation[] OPERATIONS = Operation.values();

  private final MeterRegistry registry = Metrics.globalRegistry;
  private final Tags tags;
  private final ConcurrentMap<String, Counter[]> rows = new ConcurrentHashMap<>();
  private final Counter batches;
  private final Counter deadLetters;
  private final Counter retries;
  private final Counter refusedFirstAttempts;
  private final Timer apply;

  SinkMeters(String sourceId) {
    this.tags = Tags.of("source", sourceId);
    this.batches =
        Counter.builder("pgpipe_sink_batches")
            .description("Batches committed to the target")
            .tags(tags)
            .register(registry);
    this.deadLetters =
        Counter.builder("pgpipe_sink_dead_letters")
            .description("Rows the target refused, stored in the dead-letter table")
            .tags(tags)
            .register(registry);
    this.retries =
        Counter.builder("pgpipe_sink_retries")
            .description("Batch applies tried again after a transient failure or unknown commit")
            .tags(tags)
            .register(registry);
    this.refusedFirstAttempts =
        Counter.builder("pgpipe_sink_refused_first_attempts")
            .description(
                "Batches whose first attempt, without savepoints, the target refused in part:"
                    + " applied again under savepoints")
            .tags(tags)
            .register(registry);
    this.apply =
        Timer.builder("pgpipe_sink_apply")
            .description("Time to apply and commit one batch, retries included")
            .tags(tags)
            .publishPercentileHistogram()
            .register(registry);
  }

  /** A batch applied in {@code nanos}; counts its rows by table and operation. */
  void applied(List<Transaction> batch, ApplyResult result, long nanos) {
    apply.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    batches.increment();
    if (result.deadLettered() > 0) {
      deadLetters.increment(result.deadLettered());
    }
    // counted per run of one table's events, then added once: an increment per row costs more
    TableSchema last = null;
    long[] counts = new long[OPERATIONS.length];
    for (Transaction tx : batch) {
      for (ChangeEvent event : tx.events()) {
        TableSchema table = event.table();
        if (table == null) {
          continue;
        }
        if (table != last) {
          add(last, counts);
          last = table;
        }
        counts[event.operation().ordinal()]++;
      }
    }
    add(last, counts);
  }

  /** Adds {@code counts} to {@code table}'s row counters and clears them. */
  private void add(@Nullable TableSchema table, long[] counts) {
    if (table == null) {
      return;
    }
    Counter[] counters = rows.computeIfAbsent(table.qualifiedName(), this::register);
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        counters[i].increment(counts[i]);
        counts[i] = 0;
      }
    }
  }

  void retried() {
    retries.increment();
  }

  void refusedFirstAttempt() {
    refusedFirstAttempts.increment();
  }

  private Counter[] register(String table) {
    Counter[] counters = new Counter[OPERATIONS.length];
    for (Operation operation : OPERATIONS) {
      counters[operation.ordinal()] =
          Counter.builder("pgpipe_sink_rows_applied")
              .description("Rows committed to the target, by table and operation")
              .tags(tags)
              .tag("table", table)
              .tag("operation", operation.label())
              .register(registry);
    }
    return counters;
  }
}
