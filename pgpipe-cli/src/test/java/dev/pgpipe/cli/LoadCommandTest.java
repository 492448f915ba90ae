package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cli.embedded.EmbeddedServer;
import dev.pgpipe.dbn.DbnEncoder;
import dev.pgpipe.dbn.DbnEncoder.Compression;
import dev.pgpipe.dbn.MboMsg;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.RType;
import dev.pgpipe.dbn.RecordHeader;
import dev.pgpipe.dbn.Schema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgpipe load} against an embedded server the test started. */
class LoadCommandTest {

  private static final long TS = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z

  @TempDir static Path home;
  private static EmbeddedServer server;

  @BeforeAll
  static void startServer() {
    server = EmbeddedServer.startOrReuse(home.resolve("pg"), SqlCommandTest.freePort());
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static CliRun pgpipe(String... args) {
    return CliRun.run(Map.of("PGPIPE_HOME", home.toString()), home, args);
  }

  private static Path mboFile(String name, int records, Compression compression)
      throws IOException {
    Path file = home.resolve(name);
    try (OutputStream out = Files.newOutputStream(file);
        DbnEncoder encoder =
            DbnEncoder.of(out, Metadata.of("GLBX.MDP3", Schema.MBO, TS, TS + 1_000), compression)) {
      for (int i = 0; i < records; i++) {
        RecordHeader header = new RecordHeader(RType.MBO, 1, 42, TS + i);
        long recv = TS + i / 2; // two records per receive time: ties 0 and 1
        encoder.write(
            new MboMsg(header, 100 + i, 6_012_250_000_000L, 3, 128, 0, 'A', 'B', recv, 7, i));
      }
    }
    return file;
  }

  @Test
  void load_twice_printsTheSummaryPerTable_andAddsNoRowsTheSecondTime() throws IOException {
    String file = mboFile("twice.mbo.dbn.zst", 500, Compression.ZSTD).toString();

    CliRun first = pgpipe("load", file, "--schema-prefix", "cli.", "--connections", "2");
    CliRun second = pgpipe("load", file, "--schema-prefix", "cli.");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("table", "records", "rows in range")
        .containsPattern("cli\\.mbo\\s+500\\s+500")
        .contains("500 records (0 not market data) from 1 file");
    assertThat(first.err()).contains("loading twice.mbo.dbn.zst (1/1)", "records/s", "ETA");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out())
        .contains("1 file skipped: already loaded whole (load ledger)")
        .doesNotContainPattern("cli\\.mbo\\s+500");
    assertThat(pgpipe("sql", "SELECT count(*), max(tie) FROM cli.mbo").out())
        .containsPattern("500 \\|\\s+1");
    assertThat(pgpipe("sql", "SELECT price FROM cli.mbo_decimal LIMIT 1").out())
        .contains("6012.250000000");
  }

  @Test
  void load_corruptFile_stopsWithTheDecoderMessage_andTheRowsLoadedSoFar() throws IOException {
    Path whole = mboFile("corrupt.mbo.dbn", 300, Compression.NONE);
    byte[] bytes = Files.readAllBytes(whole);
    Files.write(whole, Arrays.copyOf(bytes, bytes.length - 20)); // cuts the last record short

    CliRun run = pgpipe("load", whole.toString(), "--schema-prefix", "broken_");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("pgpipe load: ", "corrupt.mbo.dbn", "TRUNCATED at byte offset")
        .contains("loaded before the failure: 299 rows (public.broken_mbo 299)");
    assertThat(run.out()).containsPattern("public\\.broken_mbo\\s+299\\s+299");
    assertThat(pgpipe("sql", "SELECT count(*) FROM broken_mbo").out()).contains("299");
  }

  @Test
  void load_strictMode_withoutTheTables_failsBeforeLoading() throws IOException {
    String file = mboFile("strict.mbo.dbn", 10, Compression.NONE).toString();

    CliRun run = pgpipe("load", file, "--mode", "strict", "--schema-prefix", "absent_");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("pgpipe load: ", "absent_mbo");
  }

  @Test
  void load_partitionedByMonth_createsTheMonthsPartition() throws IOException {
    String file = mboFile("monthly.mbo.dbn.zst", 20, Compression.ZSTD).toString();

    CliRun run = pgpipe("load", file, "--schema-prefix", "monthly.", "--partition", "month");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(pgpipe("sql", "SELECT count(*) FROM monthly.mbo_p202601").out()).contains("20");
  }

  @Test
  void load_unknownPartitioning_isAUsageError() {
    CliRun run = pgpipe("load", "x.dbn", "--partition", "weekly");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("partitioning must be day, month or none: weekly");
  }

  @Test
  void load_unknownMode_isAUsageError() {
    CliRun run = pgpipe("load", "x.dbn", "--mode", "sometimes");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--mode must be bootstrap, strict or warn: sometimes");
  }
}
