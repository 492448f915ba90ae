package dev.pgpipe.bench.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report: a target that differs makes the run unequal and is printed loudly. */
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
            List.of());
    WorkloadResult differs =
        new WorkloadResult(
            "bulk",
            2,
            1_000,
            1.0,
            0.5,
            null,
            List.of(),
            List.of("public.orders DIFFERENT: source 10 rows, target 9 rows"));
    ReplicateReport report =
        new ReplicateReport("default", "default (off)", List.of(equal, differs), List.of(), "-");
    StringWriter out = new StringWriter();
    Path json = dir.resolve("r.json");

    report.print(new PrintWriter(out), true);
    report.writeJson(json);

    assertThat(report.equal()).isFalse();
    assertThat(out.toString())
        .contains("MISMATCH bulk pgpipe: public.orders DIFFERENT")
        .contains("oltp: 150 statements in pgpipe's target for 200 row changes, 12 commits")
        .contains("bulk: no statement counts");
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.get("equal").asBoolean()).isFalse();
    JsonNode oltp = root.get("workloads").get(0);
    assertThat(oltp.get("statements_per_row").asDouble()).isEqualTo(0.75);
    assertThat(oltp.get("ratio").asDouble()).isEqualTo(0.25);
    assertThat(oltp.get("target_commits").asLong()).isEqualTo(12);
    assertThat(root.get("workloads").get(1).get("statements_per_row").isNull()).isTrue();
    assertThat(root.get("workloads").get(1).get("pgpipe_equal").asBoolean()).isFalse();
  }
}
