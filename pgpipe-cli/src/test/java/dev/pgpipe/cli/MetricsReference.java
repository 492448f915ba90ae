package dev.pgpipe.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The meters docs/METRICS.md documents, and which of a scrape's pgpipe meters it does not. */
final class MetricsReference {

  private static final Pattern ROW = Pattern.compile("^\\| `(pgpipe_[a-z0-9_]+)` \\|");
  private static final Pattern SAMPLE =
      Pattern.compile("^(pgpipe_[a-z0-9_]+?)(_bucket|_count|_sum|_max)?[{ ]");

  private MetricsReference() {}

  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("mvnw"))
        ? here
        : java.util.Objects.requireNonNull(here.getParent(), "no project root above " + here);
  }

  /** The names in the reference table, as Prometheus shows them. */
  static Set<String> documented() {
    try {
      return Files.readAllLines(root().resolve("docs/METRICS.md")).stream()
          .map(ROW::matcher)
          .filter(Matcher::find)
          .map(m -> m.group(1))
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The pgpipe meters of a scrape that the reference does not document. */
  static Set<String> undocumented(String scrape) {
    Set<String> documented = documented();
    Set<String> missing = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (sample.find()) {
        String name = sample.group(1);
        String whole = line.substring(0, line.indexOf(line.contains("{") ? '{' : ' '));
        if (!documented.contains(name) && !documented.contains(whole)) {
          missing.add(whole);
        }
      }
    }
    return missing;
  }
}
