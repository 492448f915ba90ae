package dev.pgpipe.cli.sink;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Durations on the command line: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 5} (seconds). */
final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String text) {
    String t = text.strip();
    try {
      if (t.startsWith("P") || t.startsWith("p")) {
        return Duration.parse(t);
      } else if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      } else if (t.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(t));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a duration (like 5s or 500ms): '" + text + "'", e);
    }
  }
}
