package dev.pgpipe.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.dbn.DbnEncoder;
import dev.pgpipe.dbn.DbnEncoder.Compression;
import dev.pgpipe.dbn.MboMsg;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.RType;
import dev.pgpipe.dbn.RecordHeader;
import dev.pgpipe.dbn.Schema;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive of {@code ./mvnw -Pdist package}, unpacked and run on a machine whose {@code PATH}
 * has no JDK 21+ (only a decoy {@code java} that fails): the bundled runtime must carry every JDK
 * module the commands use.
 */
class DistributionTest {

  private static final long TS = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z

  @TempDir static Path directory;

  private static Unpacked dist;

  @BeforeAll
  static void unpack() throws Exception {
    dist = Unpacked.unpack(directory);
  }

  /** The embedded server lives as long as the command that started it; this is the safety net. */
  @AfterAll
  static void stopEmbeddedServer() throws Exception {
    Path data = Path.of(dist.environment().get("PGPIPE_HOME"), "pg");
    Path pidFile = data.resolve("postmaster.pid");
    if (Files.exists(pidFile)) {
      Unpacked.run(
          List.of("sh", "-c", "kill -INT \"$(head -n 1 \"$1\")\"", "stop", pidFile.toString()),
          Map.of(),
          30);
    }
  }

  @Test
  void versionNamesTheReleaseAndTheBundledRuntime() throws Exception {
    Unpacked.Run run = dist.pgpipe("--version");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("pgpipe " + System.getProperty("pgpipe.dist.version"));
    assertThat(run.err()).doesNotContain("not the bundled runtime");
  }

  @Test
  void runtimeHoldsTheNeededModulesAndNoDevelopmentTools() throws Exception {
    String modules = Files.readString(dist.home().resolve("runtime/pgpipe-modules.txt")).strip();
    Unpacked.Run run =
        Unpacked.run(
            List.of(dist.home().resolve("runtime/bin/java").toString(), "--list-modules"),
            Map.of(),
            30);

    assertThat(run.exitCode()).isZero();
    List<String> present = run.out().lines().map(line -> line.replaceAll("@.*", "")).toList();
    assertThat(present)
        .contains(modules.split(","))
        .contains("jdk.security.auth", "jdk.httpserver")
        .doesNotContain("jdk.compiler", "jdk.jshell", "jdk.jlink", "jdk.jdeps", "java.compiler")
        .hasSizeLessThan(30);
  }

  @Test
  void sqlStartsTheEmbeddedServerAndAnswers() throws Exception {
    Unpacked.Run run = dist.pgpipe("sql", "--json", "select 40 + 2 as answer");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"answer\":42");
  }

  @Test
  void dbnDecodeReadsAFileOfOurEncoder() throws Exception {
    Path file = directory.resolve("mbo.dbn.zst");
    try (OutputStream out = Files.newOutputStream(file);
        DbnEncoder encoder =
            DbnEncoder.of(
                out, Metadata.of("GLBX.MDP3", Schema.MBO, TS, TS + 1_000), Compression.ZSTD)) {
      for (int i = 0; i < 3; i++) {
        RecordHeader header = new RecordHeader(RType.MBO, 1, 42, TS + i);
        encoder.write(
            new MboMsg(header, 100 + i, 6_012_250_000_000L, 3, 128, 0, 'A', 'B', TS + i + 5, 7, i));
      }
    }

    Unpacked.Run run = dist.pgpipe("dbn", "decode", file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().strip().split("\n")).hasSize(3);
    assertThat(run.out()).contains("\"price\":\"6012250000000\"").contains("\"instrument_id\":42");
  }
}
