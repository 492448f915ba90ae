package dev.pgpipe.copy;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The meters of a {@link BatchWriter}, labelled with its table, in Micrometer's global registry:
 * rows, bytes, batches and retries loaded, the time producers spent blocked waiting for room, and
 * the bytes held against the writer's limit. They read the writer's own counters when scraped, so
 * writing a row costs nothing more. Removed again on {@link #close()}.
 */
final class CopyMeters implements AutoCloseable {

  private final MeterRegistry registry = Metrics.globalRegistry;
  private final List<Meter> meters = new ArrayList<>();

  CopyMeters(String table, Counters counters, Supplier<Number> pendingBytes, long limit) {
    Tags tags = Tags.of("table", table);
    counter("pgpipe_copy_rows", "Rows committed by binary COPY", tags, counters.rows, null);
    counter("pgpipe_copy_bytes", "COPY data bytes committed", tags, counters.bytes, "bytes");
    counter("pgpipe_copy_batches", "Batches committed", tags, counters.batches, null);
    counter("pgpipe_copy_retries", "Batch loads tried again", tags, counters.retries, null);
    meters.add(
        FunctionCounter.builder(
                "pgpipe_copy_blocked_seconds", counters.blockedNanos, n -> n.get() / 1e9)
            .description("Time producers waited for room: the writer's backpressure")
            .baseUnit("seconds")
            .tags(tags)
            .register(registry));
    meters.add(
        Gauge.builder("pgpipe_copy_pending_bytes", pendingBytes)
            .description("Bytes encoded but not yet committed, held against the writer's limit")
            .baseUnit("bytes")
            .tags(tags)
            .register(registry));
    meters.add(
        Gauge.builder("pgpipe_copy_pending_limit_bytes", () -> limit)
            .description("The writer's limit of pending bytes (maxPendingBytes)")
            .baseUnit("bytes")
            .tags(tags)
            .register(registry));
  }

  private void counter(
      String name, String description, Tags tags, AtomicLong count, @Nullable String baseUnit) {
    FunctionCounter.Builder<AtomicLong> builder =
        FunctionCounter.builder(name, count, AtomicLong::get).description(description).tags(tags);
    meters.add((baseUnit == null ? builder : builder.baseUnit(baseUnit)).register(registry));
  }

  /** Removes the meters. Idempotent. */
  @Override
  public void close() {
    meters.forEach(registry::remove);
  }
}
