package dev.pgpipe.sink;

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

  /** A boolean: true/false, yes/no, on/off, 1/0. */
  public static boolean bool(String text, String name) {
    return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new IllegalArgumentException(name + " is not true or false: " + text);
    };
  }

  /** {@code 5} (seconds), {@code 5s}, {@code 500ms}, {@code 2m}, {@code 168h}, or {@code PT5S}. */
  public static Duration duration(String text, String name) {
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
          name + " is not a duration (like 5s, 500ms or 1h): " + text, e);
    }
  }
}
