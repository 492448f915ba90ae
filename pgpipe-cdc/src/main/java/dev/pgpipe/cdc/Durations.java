package dev.pgpipe.cdc;

import java.time.Duration;

/**
 * Durations as people write them in flags and environment variables: {@code 5} (seconds), {@code
 * 5s}, {@code 500ms}, {@code 2m}, {@code 168h}, or ISO-8601 {@code PT5S}.
 */
public final class Durations {

  private Durations() {}

  /**
   * Parses {@code text}; {@code name} (a flag or variable) goes into the error.
   *
   * @throws IllegalArgumentException naming {@code name} and the text when it is not a duration
   */
  public static Duration parse(String text, String name) {
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
      } else if (t.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(t));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          name + " is not a duration (like 5s, 500ms or 1h): '" + text + "'", e);
    }
  }
}
