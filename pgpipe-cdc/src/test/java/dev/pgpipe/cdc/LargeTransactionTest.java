package dev.pgpipe.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@WithPostgres
class LargeTransactionTest {

  /** The stated bound for this configuration: see {@link Tuning} (at most ~60,000 events held). */
  private static final long HEAP_BOUND_BYTES = 256L * 1024 * 1024;

  private static final int ROWS = 1_000_000;

  @Test
  void millionRowTransactionPassesInPartsWithTheHeapUnderTheBound(TestDatabase database) {
    database.execute("CREATE TABLE big (id int PRIMARY KEY, v text NOT NULL)");
    CdcConfig.Builder config = Streams.config(database, "big");
    config.tuning().maxEventsPerPart(10_000).queueCapacity(4);
    long events = 0;
    int parts = 0;
    long peakHeap = 0;
    long started = System.nanoTime();
    try (ChangeStream stream = ChangeStream.open(config.build())) {
      database.execute(
          "INSERT INTO big SELECT g, 'row ' || g FROM generate_series(1, " + ROWS + ") g");
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      boolean last = false;
      while (!last) {
        assertThat(System.nanoTime()).as("received %d events", events).isLessThan(deadline);
        Transaction part = stream.poll(Duration.ofMillis(200));
        if (part == null) {
          continue;
        }
        assertThat(part.part()).isEqualTo(parts);
        assertThat(part.size()).isLessThanOrEqualTo(10_000);
        assertThat(part.events().get(0).index()).isEqualTo((int) events);
        events += part.size();
        parts++;
        last = part.lastPart();
        if (parts % 25 == 0) {
          peakHeap = Math.max(peakHeap, heapAfterGc());
        }
        stream.acknowledge(part);
      }
    }
    long seconds = Math.max(1, Duration.ofNanos(System.nanoTime() - started).toSeconds());
    System.out.printf(
        "1M-row transaction: %d events in %d parts, %d s, peak heap after GC %d MB%n",
        events, parts, seconds, peakHeap >> 20);
    assertThat(events).isEqualTo(ROWS);
    assertThat(parts).isEqualTo(ROWS / 10_000);
    assertThat(peakHeap).isPositive().isLessThan(HEAP_BOUND_BYTES);
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
