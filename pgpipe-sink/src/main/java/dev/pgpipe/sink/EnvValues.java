package dev.pgpipe.sink;

import dev.pgpipe.cdc.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Parses configuration values the way every {@code POSTGRES_*} / {@code PGPIPE_*} variable is. */
public final class EnvValues {

  private EnvValues() {}

  /** The variable's value, or {@code fallback} when unset or blank. */
  public static String get(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  /** A comma list; blanks dropped. */
  public static List<String> list(String text) {
    return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** A whole number; {@code name} only names the variable in the error. */
  public static int integer(String text, String name) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a whole number: " + text, e);
    }
  }

  /**
   * A size in bytes: a whole number, optionally followed by {@code B}, {@code kB}, {@code MB} or
   * {@code GB} (powers of 1024, as PostgreSQL's settings read them); {@code name} in the error.
   */
  public static long bytes(String text, String name) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d{1,15})\\s*(B|kB|MB|GB)?").matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          name + " is not a size: " + text + " (write e.g. 65536, 512kB, 64MB or 1GB)");
    }
    int shift =
        switch (m.group(2) == null ? "B" : m.group(2)) {
          case "kB" -> 10;
          case "MB" -> 20;
          case "GB" -> 30;
          default -> 0;
        };
    return Long.parseLong(m.group(1)) << shift;
  }

  /** A boolean: true/false, yes/no, on/off, 1/0. */
  public static boolean bool(String text, String name) {
    return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new IllegalArgumentException(name + " is not true or false: " + text);
    };
  }

  /** A duration as {@link Durations#parse} reads it, {@code name} in the error. */
  public static Duration duration(String text, String name) {
    return Durations.parse(text, name);
  }
}
