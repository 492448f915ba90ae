package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cli.spi.MetricsOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** A command from another module serves pgpipe's metrics through the published mixin. */
class MetricsOptionsTest {

  @Command(name = "probe")
  static final class Probe implements Callable<Integer> {
    @Mixin
    @SuppressWarnings("NullAway.Init") // created by picocli with the environment
    MetricsOptions metrics;

    final StringWriter said = new StringWriter();
    int statusWhileRunning = -1;
    int port = -1;

    @Override
    public Integer call() {
      PrintWriter out = new PrintWriter(said);
      try (MetricsOptions.Running running = metrics.start("probe", out)) {
        String line = said.toString().strip();
        if (line.startsWith("metrics: on, served on port ")) {
          port = Integer.parseInt(line.replaceAll("\\D+", " ").strip().split(" ")[0]);
          statusWhileRunning = Scrape.get(port, "/metrics").status();
        }
      }
      return 0;
    }
  }

  @Test
  void servesMetricsForTheRunWhenAPortIsGivenAndStopsAfter() {
    Probe probe = new Probe();
    CommandLine line =
        new CommandLine(probe, new EnvironmentFactory(new Environment(Map.of(), Path.of("."))));

    int exit = line.execute("--metrics-port", "0");

    assertThat(exit).isZero();
    assertThat(probe.said.toString()).startsWith("metrics: on, served on port ");
    assertThat(probe.statusWhileRunning).isEqualTo(200);
    assertThat(Scrape.get(probe.port, "/metrics").status()).isEqualTo(-1);
  }

  @Test
  void readsThePortFromTheEnvironmentAndIsOffWithoutOne() {
    int port = Scrape.freePort();
    Probe fromVariable = new Probe();
    Probe without = new Probe();
    EnvironmentFactory variable =
        new EnvironmentFactory(
            new Environment(Map.of("PGPIPE_METRICS_PORT", "" + port), Path.of(".")));
    EnvironmentFactory empty = new EnvironmentFactory(new Environment(Map.of(), Path.of(".")));

    new CommandLine(fromVariable, variable).execute();
    new CommandLine(without, empty).execute();

    assertThat(fromVariable.port).isEqualTo(port);
    assertThat(fromVariable.statusWhileRunning).isEqualTo(200);
    assertThat(without.said.toString()).startsWith("metrics: off");
    assertThat(without.statusWhileRunning).isEqualTo(-1);
  }
}
