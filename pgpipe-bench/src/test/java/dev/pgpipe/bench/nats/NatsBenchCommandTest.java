package dev.pgpipe.bench.nats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgpipe.bench.BenchCli;
import dev.pgpipe.testkit.nats.NatsServer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pgpipe bench nats} end to end on tiny sizes (where nats-server is installed): the warm-up
 * goes through each path first, and the report says so. That its rows stay out of the figures is
 * {@link BenchDatabasesTest}'s.
 */
class NatsBenchCommandTest {

  @TempDir Path home;

  @Test
  void aWarmUpGoesThroughEachPathFirst_andTheReportSaysSo() throws IOException {
    Assumptions.assumeTrue(NatsServer.binary().isPresent(), "nats-server is not installed");
    BenchCli cli = new BenchCli(home);
    Path json = home.resolve("report.json");

    int code =
        cli.execute(
            "bench",
            "nats",
            "--transactions",
            "30",
            "--rows",
            "3",
            "--warmup",
            "12",
            "--steady-rate",
            "0",
            "--backlog",
            "0",
            "--json",
            json.toString());

    assertThat(code).as(cli.out()).isZero();
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.get("warmupTransactions").asInt()).isEqualTo(12);
    JsonNode paths = report.get("paths");
    assertThat(paths).hasSize(2);
    for (JsonNode path : paths) {
      assertThat(path.get("transactionsPerSecond").asDouble()).as("%s", path).isPositive();
    }
    assertThat(paths.get(1).get("note").asText())
        .as("the warm-up went through JetStream too")
        .contains("published 42 tx", "consumed 42 tx");
    assertThat(cli.out()).contains("each path warmed by 12 transactions first (not in the figures");
  }

  @Test
  void aNegativeWarmUp_isRefusedBeforeAnythingRuns() {
    BenchCli cli = new BenchCli(home);

    int code = cli.execute("bench", "nats", "--warmup", "-1");

    assertThat(code).isEqualTo(2);
    assertThat(cli.out()).contains("--warmup >= 0").contains("-1");
  }
}
