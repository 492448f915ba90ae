package dev.pgpipe.testkit.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses client control lines, {@code key=value} pairs joined by {@code |}, in any order, with or
 * without a trailing {@code |}. Written independently of the client's parser on purpose.
 */
final class ControlLines {
  private ControlLines() {}

  static Map<String, String> parse(String line) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : line.split("\\|")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new AssertionError("not a key=value pair: '" + pair + "' in a client line");
      }
      if (fields.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
        throw new AssertionError("duplicate key " + pair.substring(0, eq) + " in a client line");
      }
    }
    return Map.copyOf(fields);
  }
}
