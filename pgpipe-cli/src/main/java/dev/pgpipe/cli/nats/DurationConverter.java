package dev.pgpipe.cli.nats;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Durations on the command line: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 5} (seconds). */
final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String text) {
    String t = text.strip();
    try {
      Duration d;
      if (t.startsWith("P") || t.startsWith("p")) {
        d = Duration.parse(t);
      } else if (t.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      } else if (t.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      } else {
        d = Duration.ofSeconds(Long.parseLong(t));
      }
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("must be > 0");
      }
      return d;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "not a duration > 0 (like 5s or 500ms): '" + text + "'", e);
    }
  }
}
