package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/METRICS.md and the code agree: every meter name the main code registers (a {@code
 * "pgpipe_..."} literal given to a Micrometer builder, or to a {@code counter(registry, name...)}
 * helper) is in the reference table, and every meter in the table is registered by the code. The
 * end-to-end metrics tests also check that every pgpipe meter they scrape is documented.
 */
class MetricsReferenceTest {

  private static final Pattern REGISTERED =
      Pattern.compile(
          "(?:(?:Counter|Gauge|Timer|DistributionSummary|FunctionCounter)\\.builder|counter)"
              + "\\(\\s*(?:\\w+,\\s*)?\"(pgpipe_[a-z0-9_]+)\"");

  @Test
  void everyRegisteredMeterIsDocumented_andEveryDocumentedMeterIsRegistered() throws IOException {
    Set<String> registered = registered();
    Set<String> documented = MetricsReference.documented();

    assertThat(registered).as("meters found in the code").hasSizeGreaterThan(20);
    Set<String> undocumented = new TreeSet<>();
    for (String name : registered) {
      if (Stream.of(name, name + "_total", name + "_seconds").noneMatch(documented::contains)) {
        undocumented.add(name);
      }
    }
    Set<String> unregistered = new TreeSet<>();
    for (String name : documented) {
      if (Stream.of(name, strip(name, "_total"), strip(name, "_seconds"))
          .noneMatch(registered::contains)) {
        unregistered.add(name);
      }
    }
    assertThat(undocumented).as("registered but not in docs/METRICS.md").isEmpty();
    assertThat(unregistered).as("in docs/METRICS.md but registered nowhere").isEmpty();
  }

  @Test
  void aScrapedMeterMissingFromTheReferenceIsReported() {
    String scrape =
        "# HELP x\npgpipe_cdc_events_total{slot=\"s\"} 3.0\npgpipe_sink_apply_seconds_bucket{le=\"1\"} 1\n"
            + "pgpipe_made_up_total 1.0\njvm_threads_live_threads 10\n";
    assertThat(MetricsReference.undocumented(scrape)).containsExactly("pgpipe_made_up_total");
  }

  private static String strip(String name, String suffix) {
    return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
  }

  private static Set<String> registered() throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(MetricsReference.root())) {
      for (Path file :
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> p.toString().contains("/src/main/java/"))
              .toList()) {
        Matcher matcher = REGISTERED.matcher(Files.readString(file));
        while (matcher.find()) {
          names.add(matcher.group(1));
        }
      }
    }
    return names;
  }
}
