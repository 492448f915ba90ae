package dev.pgpipe.bench.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgpipe.bench.BenchCli;
import dev.pgpipe.testkit.nats.NatsServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pgpipe bench replicate} end to end on tiny sizes, on an embedded server of its own
 * (started the way the command line starts it, so with {@code pg_stat_statements}); the JetStream
 * path only where nats-server is installed.
 */
class ReplicateBenchCommandTest {

  @TempDir Path home;

  private BenchCli cli;

  @BeforeEach
  void newCli() {
    cli = new BenchCli(home);
  }

  @Test
  void replicatesEveryWorkloadBothWays_andOltpThroughTheBuffer_reportsEqualTargetsStatementsAndLag()
      throws IOException {
    Path json = home.resolve("report.json");

    int code =
        cli.execute(
            "bench",
            "replicate",
            "--paths",
            "buffer",
            "--oltp-transactions",
            "40",
            "--bulk-scale",
            "200",
            "--upsert-changes",
            "300",
            "--upsert-keys",
            "20",
            "--upsert-transaction-size",
            "30",
            "--lag-rate",
            "50",
            "--lag-seconds",
            "1",
            "--json",
            json.toString());

    assertThat(code).as(cli.out()).isZero();
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    List<String> names = new ArrayList<>();
    for (JsonNode workload : report.get("workloads")) {
      names.add(workload.get("name").asText());
      assertThat(workload.get("rows").asLong()).isPositive();
      assertThat(workload.get("native_s").asDouble()).isPositive();
      assertThat(workload.get("pgpipe_s").asDouble()).isPositive();
      assertThat(workload.get("statements_per_row").asDouble()).isPositive();
      assertThat(workload.get("native_equal").asBoolean()).isTrue();
      assertThat(workload.get("pgpipe_equal").asBoolean()).isTrue();
    }
    assertThat(names).containsExactly("oltp", "bulk", "upsert");
    assertThat(report.get("workloads").get(1).get("rows").asLong()).isEqualTo(790);
    for (String path : List.of("native", "pgpipe")) {
      JsonNode lag = report.get("lag").get(path);
      assertThat(lag.get("ticks").asLong()).isEqualTo(50);
      assertThat(lag.get("p99_ms").asDouble()).isGreaterThanOrEqualTo(lag.get("p50_ms").asDouble());
      assertThat(lag.get("equal").asBoolean()).isTrue();
    }
    JsonNode oltp = report.get("workloads").get(0);
    assertThat(oltp.get("buffer_s").asDouble()).isPositive();
    assertThat(oltp.get("buffer_rows_per_s").asDouble()).isPositive();
    assertThat(oltp.get("buffer_ratio").asDouble()).isPositive();
    assertThat(oltp.get("buffer_equal").asBoolean()).isTrue();
    assertThat(oltp.has("nats_s")).isFalse();
    assertThat(report.get("workloads").get(1).has("buffer_s")).isFalse();
    assertThat(report.get("paths_skipped").isEmpty()).isTrue();
    assertThat(report.get("equal").asBoolean()).isTrue();
    assertThat(cli.out())
        .contains("pgpipe r/s")
        .contains("oltp     buffer")
        .doesNotContain("MISMATCH");
  }

  @Test
  void oltpThroughJetStream_catchesUpOnItsOwnSlot_targetEqualsTheSource() throws IOException {
    Assumptions.assumeTrue(NatsServer.binary().isPresent(), "nats-server is not installed");
    Path json = home.resolve("report.json");

    int code =
        cli.execute(
            "bench",
            "replicate",
            "--workload",
            "oltp",
            "--oltp-transactions",
            "40",
            "--paths",
            "nats",
            "--lag-seconds",
            "0",
            "--json",
            json.toString());

    assertThat(code).as(cli.out()).isZero();
    JsonNode oltp = new ObjectMapper().readTree(json.toFile()).get("workloads").get(0);
    assertThat(oltp.get("rows").asLong()).isPositive();
    assertThat(oltp.get("nats_s").asDouble()).isPositive();
    assertThat(oltp.get("nats_ratio").asDouble()).isPositive();
    assertThat(oltp.get("nats_equal").asBoolean()).isTrue();
    assertThat(oltp.has("buffer_s")).isFalse();
    assertThat(cli.out()).contains("oltp     nats").doesNotContain("MISMATCH");
  }

  @Test
  void unknownPath_isRefusedBeforeAnythingRuns() {
    int code = cli.execute("bench", "replicate", "--paths", "buffer,kafka");

    assertThat(code).isEqualTo(2);
    assertThat(cli.out()).contains("--paths: buffer, nats, all or none, not kafka");
  }
}
