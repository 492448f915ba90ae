package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cli.embedded.EmbeddedServer;
import dev.pgpipe.dbn.DbnEncoder;
import dev.pgpipe.dbn.MboMsg;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.RType;
import dev.pgpipe.dbn.RecordHeader;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.testkit.MockHistorical;
import dev.pgpipe.testkit.MockHistorical.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgpipe fetch} against a scripted Historical API and an embedded server. */
class FetchCommandTest {

  private static final String KEY = "db-abcdefghijklmnopqrstuvwxyzABC";
  private static final long TS = 1_767_225_600_000_000_000L;

  @TempDir static Path home;
  private static EmbeddedServer server;
  private MockHistorical api;

  @BeforeAll
  static void startServer() {
    server = EmbeddedServer.startOrReuse(home.resolve("pg"), SqlCommandTest.freePort());
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void startApi() throws IOException {
    api = new MockHistorical(KEY, 64);
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  private CliRun pgpipe(String... args) {
    return CliRun.run(Map.of("PGPIPE_HOME", home.toString(), "DATABENTO_API_KEY", KEY), home, args);
  }

  private String[] fetch(String... more) {
    String[] base = {
      "fetch",
      "--dataset",
      "GLBX.MDP3",
      "--schema",
      "mbo",
      "--symbols",
      "ESH6",
      "--start",
      "2026-01-01",
      "--end",
      "2026-01-02",
      "--base-url",
      api.url().toString()
    };
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  private static byte[] stream(int records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DbnEncoder encoder =
        DbnEncoder.of(
            out,
            Metadata.of("GLBX.MDP3", Schema.MBO, TS, TS + 1_000),
            DbnEncoder.Compression.ZSTD)) {
      for (int i = 0; i < records; i++) {
        encoder.write(
            new MboMsg(
                new RecordHeader(RType.MBO, 1, 42, TS + i),
                i,
                100,
                1,
                0,
                0,
                'A',
                'B',
                TS + i,
                0,
                i));
      }
    }
    return out.toByteArray();
  }

  @Test
  void fetch_loadsTheStream_andASecondFetchAddsAndSendsNothing() {
    api.then(Answer.bytes(stream(250)).header("X-Warning", "[\"BentoWarning: test warning\"]"));

    CliRun first = pgpipe(fetch("--schema-prefix", "fetched."));
    CliRun second = pgpipe(fetch("--schema-prefix", "fetched."));

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).containsPattern("fetched\\.mbo\\s+250\\s+250");
    assertThat(first.err()).contains("warning from the API: BentoWarning: test warning");
    assertThat(first.err())
        .as("the progress line, last drawn when the fetch ends")
        .containsPattern(
            "request 1/1: [0-9.]+ (B|KiB) received, 250 records \\([0-9,]+/s\\), 250 rows"
                + " committed");
    assertThat(first.err() + first.out()).doesNotContain(KEY);
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("1 file skipped");
    assertThat(api.seen()).hasSize(1);
    assertThat(pgpipe("sql", "SELECT count(*) FROM fetched.mbo").out()).contains("250");
  }

  @Test
  void dryRun_printsCountSizeAndCost_andFetchesNothing() {
    api.then(Answer.of(200, "1234")).then(Answer.of(200, "56789")).then(Answer.of(200, "1.25"));

    CliRun run = pgpipe(fetch("--dry-run"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("1,234 records, 56,789 bytes billable, $1.25", "nothing fetched");
    assertThat(api.seen())
        .extracting(MockHistorical.Seen::path)
        .containsExactly(
            "/v0/metadata.get_record_count",
            "/v0/metadata.get_billable_size",
            "/v0/metadata.get_cost");
  }

  @Test
  void output_savesTheFileAsItCame() throws IOException {
    byte[] body = stream(40);
    api.then(Answer.bytes(body));
    Path file = home.resolve("saved.dbn.zst");

    CliRun run = pgpipe(fetch("--output", file.toString()));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readAllBytes(file)).isEqualTo(body);
  }

  @Test
  void refusedRequest_showsTheDetailAndRequestId_exitsWithFailure() {
    api.then(
        Answer.of(
                422,
                "{\"detail\":{\"case\":\"symbology_invalid_request\",\"message\":\"No symbols\"}}")
            .header("request-id", "abc-123"));

    CliRun run = pgpipe(fetch("--schema-prefix", "refused."));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("HTTP 422: No symbols [symbology_invalid_request] (request-id abc-123)")
        .doesNotContain(KEY);
  }

  @Test
  void noKey_isAUsageError() {
    CliRun run = CliRun.run(Map.of("PGPIPE_HOME", home.toString()), home, fetch("--dry-run"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "no API key: set DATABENTO_API_KEY_FILE (a file holding it) or DATABENTO_API_KEY, or pass --api-key");
  }
}
