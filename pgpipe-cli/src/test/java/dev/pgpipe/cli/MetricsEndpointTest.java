package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cli.spi.MetricsEndpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A module above the command line serves pgpipe's metrics, and stops recording, through the SPI.
 */
class MetricsEndpointTest {

  @Test
  void recordsAndServesTheLibrariesMetersWhileOpen_andNothingAfterClose() {
    Counter counter = Metrics.counter("pgpipe_spi_probe_total");
    Set<MeterRegistry> before = Set.copyOf(Metrics.globalRegistry.getRegistries());
    int port;
    try (MetricsEndpoint endpoint = MetricsEndpoint.serve("probe")) {
      port = endpoint.port();
      counter.increment(3);

      Scrape scrape = Scrape.get(port, "/metrics");

      assertThat(scrape.status()).isEqualTo(200);
      assertThat(scrape.value("pgpipe_spi_probe_total", Map.of("command", "probe"))).hasValue(3.0);
    }

    assertThat(Scrape.get(port, "/metrics").status())
        .as("nothing listens after close")
        .isEqualTo(-1);
    assertThat(Metrics.globalRegistry.getRegistries())
        .as("the registry was removed")
        .containsExactlyInAnyOrderElementsOf(before);
  }
}
