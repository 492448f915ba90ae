package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbnCommandTest {

  private static final long TS = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z

  @TempDir Path directory;

  private Path mboFile(String name, int records, Compression compression) throws IOException {
    Path file = directory.resolve(name);
    try (OutputStream out = Files.newOutputStream(file);
        DbnEncoder encoder =
            DbnEncoder.of(out, Metadata.of("GLBX.MDP3", Schema.MBO, TS, TS + 1_000), compression)) {
      for (int i = 0; i < records; i++) {
        RecordHeader header = new RecordHeader(RType.MBO, 1, 42, TS + i);
        encoder.write(
            new MboMsg(header, 100 + i, 6_012_250_000_000L, 3, 128, 0, 'A', 'B', TS + i + 5, 7, i));
      }
    }
    return file;
  }

  private CliRun pgpipe(String... args) {
    return CliRun.run(Map.of(), directory, args);
  }

  @Test
  void decodeWritesOneJsonLinePerRecordInTheShapeOfDatabentosTool() throws IOException {
    Path file = mboFile("mbo.dbn.zst", 3, Compression.ZSTD);

    CliRun run = pgpipe("dbn", "decode", file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    String[] lines = run.out().strip().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0])
        .contains(
            "\"hd\":{\"ts_event\":\""
                + TS
                + "\",\"rtype\":160,\"publisher_id\":1,\"instrument_id\":42}")
        .contains("\"price\":\"6012250000000\"")
        .contains("\"action\":\"A\"");
  }

  @Test
  void decodePrettyPricesAndTimestamps() throws IOException {
    Path file = mboFile("mbo.dbn", 1, Compression.NONE);

    CliRun run = pgpipe("dbn", "decode", "--pretty-px", "--pretty-ts", file.toString());

    assertThat(run.out())
        .contains("\"price\":\"6012.250000000\"")
        .contains("2026-01-01T00:00:00.000000000Z");
  }

  @Test
  void decodeCsvHasAHeaderRowThenOneRowPerRecord() throws IOException {
    Path file = mboFile("mbo.dbn", 2, Compression.NONE);

    CliRun run = pgpipe("dbn", "decode", "--csv", file.toString());

    String[] lines = run.out().strip().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).contains("ts_event").contains("order_id").contains("price");
  }

  @Test
  void metadataPrintsOneJsonObject() throws IOException {
    Path file = mboFile("mbo.dbn.zst", 1, Compression.ZSTD);

    CliRun run = pgpipe("dbn", "metadata", file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().strip())
        .startsWith("{")
        .endsWith("}")
        .contains("\"dataset\":\"GLBX.MDP3\"");
  }

  @Test
  void truncatedFileStopsWithTheByteOffsetAndExitCodeOne() throws IOException {
    Path whole = mboFile("mbo.dbn", 3, Compression.NONE);
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(directory.resolve("cut.dbn"), Arrays.copyOf(bytes, bytes.length - 10));

    CliRun run = pgpipe("dbn", "decode", cut.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("byte offset");
    assertThat(run.out().strip().split("\n")).hasSize(2);
  }

  @Test
  void conflictingFormatsAreAUsageError() throws IOException {
    Path file = mboFile("mbo.dbn", 1, Compression.NONE);

    CliRun run = pgpipe("dbn", "decode", "--json", "--csv", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("mutually exclusive");
  }
}
