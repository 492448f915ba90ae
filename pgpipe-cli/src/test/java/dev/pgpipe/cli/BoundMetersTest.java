package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cli.observe.Observability;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * Meters bound to the served registry read a stage's counters through a supplier that only the
 * binder holds (as {@code NatsMeters} does with {@code publisher::stats}); Micrometer holds it
 * weakly, so the endpoint must keep it, or the meters freeze at the next garbage collection.
 */
class BoundMetersTest {

  @Test
  void boundMeterReadingAMethodReference_keepsCountingAfterGarbageCollection() {
    AtomicLong count = new AtomicLong();
    try (Observability observe =
        Observability.serve("127.0.0.1", 0, "test", Duration.ofSeconds(1))) {
      observe.bind(counter(count::get));
      count.set(7);
      assertThat(Scrape.get(observe.port(), "/metrics").valueOr("test_reads_total", Map.of()))
          .isEqualTo(7);

      System.gc(); // clears what only weak references reach
      count.set(42);

      assertThat(Scrape.get(observe.port(), "/metrics").valueOr("test_reads_total", Map.of()))
          .isEqualTo(42);
    }
  }

  private static MeterBinder counter(LongSupplier value) {
    return registry ->
        FunctionCounter.builder("test_reads", value, LongSupplier::getAsLong).register(registry);
  }
}
