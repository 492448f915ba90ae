package dev.pgpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks reach the command line only through its published extension package, {@code
 * dev.pgpipe.cli.spi}: no import (or fully qualified name) of any other {@code dev.pgpipe.cli}
 * class in the main code.
 */
class CliSurfaceTest {

  private static final Pattern CLI_NAME = Pattern.compile("\\bdev\\.pgpipe\\.cli\\.([\\w.]+)");

  @Test
  void benchMainCodeUsesOnlyTheCliSpiPackage() throws IOException {
    List<String> violations = new ArrayList<>();
    Path main = Path.of("src", "main", "java");
    if (!Files.isDirectory(main)) {
      main = Path.of("pgpipe-bench").resolve(main);
    }
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          Matcher matcher = CLI_NAME.matcher(lines.get(i));
          while (matcher.find()) {
            String name = matcher.group(1);
            if (!name.startsWith("spi.")) {
              violations.add(main.relativize(file) + ":" + (i + 1) + " dev.pgpipe.cli." + name);
            }
          }
        }
      }
    }

    assertThat(Files.isDirectory(main.resolve("dev/pgpipe/bench"))).isTrue();
    assertThat(violations)
        .as("bench code using cli internals instead of dev.pgpipe.cli.spi")
        .isEmpty();
  }
}
