package dev.pgpipe.bench.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report: a target that differs (of any path) makes the run unequal and is printed loudly; the
 * other paths' figures and the skipped paths are in the JSON.
 */
class ReplicateReportTest {

  @TempDir Path dir;

  @Test
  void differingTargetMakesTheReportUnequal_printsMismatch_andJsonSaysWhich() throws IOException {
    WorkloadResult equal =
        new WorkloadResult(
            "oltp",
            10,
            200,
            0.5,
            2.0,
            new StatementCounts(150, 40, 12, 0, List.of(), List.of()),
            List.of(),
            List.of(),
            List.of(new PathCatchUp("buffer", 1.0, List.of())));
    WorkloadResult differs =
        new WorkloadResult(
            "bulk",
            2,
            1_000,
            1.0,
            0.5,
            null,
            List.of(),
            List.of("public.orders DIFFERENT: source 10 rows, target 9 rows"),
            List.of(new PathCatchUp("nats", 4.0, List.of("public.events MISSING_ROWS"))));
    ReplicateReport report =
        new ReplicateReport(
            "default",
            "default (off)",
            List.of(equal, differs),
            List.of(),
            "-",
            Map.of("other", "not installed"));
    StringWriter out = new StringWriter();
    Path json = dir.resolve("r.json");

    report.print(new PrintWriter(out), true);
    report.writeJson(json);

    assertThat(report.equal()).isFalse();
    assertThat(out.toString())
        .contains("MISMATCH bulk pgpipe: public.orders DIFFERENT")
        .contains("oltp: 150 statements in pgpipe's target for 200 row changes, 12 commits")
        .contains("bulk: no statement counts")
        .contains("MISMATCH bulk nats: public.events MISSING_ROWS")
        .contains("other: skipped: not installed");
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.get("equal").asBoolean()).isFalse();
    JsonNode oltp = root.get("workloads").get(0);
    assertThat(oltp.get("statements_per_row").asDouble()).isEqualTo(0.75);
    assertThat(oltp.get("ratio").asDouble()).isEqualTo(0.25);
    assertThat(oltp.get("target_commits").asLong()).isEqualTo(12);
    assertThat(root.get("workloads").get(1).get("statements_per_row").isNull()).isTrue();
    assertThat(root.get("workloads").get(1).get("pgpipe_equal").asBoolean()).isFalse();
    assertThat(oltp.get("buffer_s").asDouble()).isEqualTo(1.0);
    assertThat(oltp.get("buffer_rows_per_s").asDouble()).isEqualTo(200.0);
    assertThat(oltp.get("buffer_ratio").asDouble()).isEqualTo(0.5);
    assertThat(oltp.get("buffer_equal").asBoolean()).isTrue();
    assertThat(oltp.has("nats_s")).isFalse();
    JsonNode bulk = root.get("workloads").get(1);
    assertThat(bulk.get("nats_ratio").asDouble()).isEqualTo(0.25);
    assertThat(bulk.get("nats_equal").asBoolean()).isFalse();
    assertThat(root.get("paths_skipped").get("other").asText()).isEqualTo("not installed");
  }
}
