package dev.pgpipe.dbn;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the shared reference files: system property {@code pgpipe.fixtures}, then environment
 * variable {@code PGPIPE_FIXTURES}, then {@code ../shared/fixtures} from the project root. Tests
 * that need them are skipped, with a message, when they are absent.
 */
final class Fixtures {
  private static final Pattern VERSION = Pattern.compile("\\.v(\\d)\\.dbn");

  private Fixtures() {}

  static Path dbnDir() {
    String configured = System.getProperty("pgpipe.fixtures");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("PGPIPE_FIXTURES");
    }
    Path root =
        configured == null || configured.isBlank()
            ? Path.of("..", "..", "shared", "fixtures")
            : Path.of(configured);
    Path dbn = root.resolve("dbn");
    assumeTrue(
        Files.isDirectory(dbn),
        "DBN reference fixtures not found at "
            + dbn.toAbsolutePath()
            + "; set -Dpgpipe.fixtures or PGPIPE_FIXTURES to the shared fixtures folder");
    return dbn;
  }

  static Path file(String relative) {
    Path file = dbnDir().resolve(relative);
    assumeTrue(Files.isRegularFile(file), "fixture missing: " + file);
    return file;
  }

  static List<Path> all() {
    try (Stream<Path> files = Files.walk(dbnDir())) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(".md"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Version of a fragment, from its name or (when absent) from its first record's length. */
  static int fragmentVersion(Path file) {
    Matcher m = VERSION.matcher(file.getFileName().toString());
    if (m.find()) {
      return Integer.parseInt(m.group(1));
    }
    int firstLength = (uncompressed(file)[0] & 0xFF) * 4;
    return firstLength == 360 ? 1 : firstLength == 400 ? 2 : 3;
  }

  static boolean isFragment(Path file) {
    return file.getFileName().toString().contains(".frag");
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file's bytes, decompressed when it is zstd. */
  static byte[] uncompressed(Path file) {
    byte[] raw = read(file);
    if (!file.toString().endsWith(".zst")) {
      return raw;
    }
    try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(raw))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DecodeOptions optionsFor(Path file) {
    return isFragment(file)
        ? DecodeOptions.defaults().withFragment(fragmentVersion(file))
        : DecodeOptions.defaults();
  }
}
