package dev.pgpipe.cdc;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters of a {@link ChangeStream}, labelled with its slot, in Micrometer's global registry:
 * pgoutput bytes read, reconnections, the confirmed LSN, its queue's depth and capacity, and the
 * WAL the slot holds back on the server ({@code pg_replication_slots}, polled every {@link #POLL}
 * on a thread of its own, so a scrape never waits for the server). Removed again on {@link
 * #close()}, so the next stream of the slot in this JVM measures itself.
 */
final class StreamMeters implements AutoCloseable {

  static final Duration POLL = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(StreamMeters.class);
  private static final String RETAINED =
      "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint"
          + " FROM pg_replication_slots WHERE slot_name = ?";

  private final String slot;
  private final SourceCatalog catalog;
  private final MeterRegistry registry = Metrics.globalRegistry;
  private final List<Meter> meters = new ArrayList<>();
  private final AtomicLong retained = new AtomicLong(-1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private @Nullable Thread poller;

  StreamMeters(String slot, Delivery delivery, SourceCatalog catalog) {
    this.slot = slot;
    this.catalog = catalog;
    Tags tags = Tags.of("slot", slot);
    meters.add(
        FunctionCounter.builder("pgpipe_cdc_bytes", delivery, Delivery::bytesRead)
            .description("pgoutput bytes read from the replication slot")
            .baseUnit("bytes")
            .tags(tags)
            .register(registry));
    meters.add(
        FunctionCounter.builder("pgpipe_cdc_reconnects", delivery, Delivery::reconnects)
            .description("Reconnections to the source after a dropped replication connection")
            .tags(tags)
            .register(registry));
    meters.add(
        Gauge.builder("pgpipe_cdc_confirmed_lsn", delivery, Delivery::confirmedSent)
            .description("The LSN last confirmed to the source (flushed), as a number")
            .tags(tags)
            .register(registry));
    Tags queue = tags.and("queue", "cdc");
    meters.add(
        Gauge.builder("pgpipe_queue_depth", delivery, Delivery::queued)
            .description("Items held in a bounded queue")
            .tags(queue)
            .register(registry));
    meters.add(
        Gauge.builder("pgpipe_queue_capacity", delivery, Delivery::capacity)
            .description("The limit of a bounded queue, in items")
            .tags(queue)
            .register(registry));
    meters.add(
        Gauge.builder("pgpipe_slot_retained_wal_bytes", retained, AtomicLong::get)
            .description("WAL the slot holds back on the source (-1 before the first poll)")
            .baseUnit("bytes")
            .tags(tags)
            .register(registry));
  }

  /** Starts polling the slot's retained WAL. */
  void start() {
    poller = Thread.ofVirtual().name("pgpipe-cdc-slot-meter").start(this::poll);
  }

  private void poll() {
    do {
      try {
        List<Long> rows = catalog.query(RETAINED, List.of(slot), rs -> rs.getLong(1));
        retained.set(rows.isEmpty() ? -1 : rows.get(0));
      } catch (RuntimeException e) {
        log.debug("cannot read the WAL retained by slot {}: {}", slot, e.getMessage());
      }
    } while (!awaitClose());
  }

  private boolean awaitClose() {
    try {
      return closed.await(POLL.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** Stops polling and removes the meters. Idempotent. */
  @Override
  public void close() {
    closed.countDown();
    Thread running = poller;
    if (running != null) {
      try {
        running.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    meters.forEach(registry::remove);
  }
}
