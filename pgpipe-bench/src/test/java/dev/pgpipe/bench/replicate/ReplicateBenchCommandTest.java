package dev.pgpipe.bench.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code pgpipe bench replicate} end to end on tiny sizes, on an embedded server of its own
 * (started the way the command line starts it, so with {@code pg_stat_statements}).
 */
class ReplicateBenchCommandTest {

  @TempDir Path home;

  @Test
  void replicatesEveryWorkloadBothWays_reportsEqualTargetsStatementsAndLag() throws IOException {
    Path json = home.resolve("report.json");
    StringWriter out = new StringWriter();
    CommandLine cli =
        Main.commandLine(
            new Environment(
                Map.of(
                    "PGPIPE_HOME", home.toString(),
                    "PGPIPE_EMBEDDED_PORT", Integer.toString(freePort())),
                home));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));

    int code =
        cli.execute(
            "bench",
            "replicate",
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

    assertThat(code).as(out.toString()).isZero();
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
    assertThat(report.get("equal").asBoolean()).isTrue();
    assertThat(out.toString()).contains("pgpipe r/s").doesNotContain("MISMATCH");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
