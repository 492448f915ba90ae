package dev.pgpipe.market;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared DBN reference files: {@code pgpipe.fixtures} (set by surefire), else {@code
 * PGPIPE_FIXTURES}, else {@code ../shared/fixtures}; tests that need them are skipped when absent.
 */
final class Fixtures {

  private Fixtures() {}

  static Path dbnDirectory() {
    String property = System.getProperty("pgpipe.fixtures", "");
    String variable = System.getenv().getOrDefault("PGPIPE_FIXTURES", "");
    String root =
        !property.isBlank() ? property : !variable.isBlank() ? variable : "../shared/fixtures";
    Path dbn = Path.of(root, "dbn");
    Assumptions.assumeTrue(
        Files.isDirectory(dbn), "skipped: no DBN reference files at " + dbn.toAbsolutePath());
    return dbn;
  }

  /**
   * Every reference file with metadata (plain and zstd, all versions), fragments and DBZ left out.
   */
  static List<Path> referenceFiles() {
    Path dir = dbnDirectory();
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".dbn") || f.toString().endsWith(".dbn.zst"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
