package dev.pgpipe.dbn.live;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The gateway's text control lines: {@code key=value} pairs joined by {@code |}, ending in a
 * newline. Field order varies between gateways and a line may end with a trailing {@code |}, so
 * lines are read as maps. Pure.
 *
 * <pre>
 *   cram=t7kNhwj4xqR0QYjzFKtBEG2ec2pXJ4FK\n
 *   success=1|session_id=5b3ed9a1|\n
 *   schema=trades|stype_in=parent|symbols=ES.FUT,NQ.FUT|snapshot=0|id=1|is_last=1\n
 * </pre>
 */
final class ControlLine {
  private ControlLine() {}

  /**
   * The fields of {@code line} (without its newline). Segments without {@code =} are ignored, as
   * greetings may be free text; a repeated key keeps its last value.
   */
  static Map<String, String> fields(String line) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String segment : line.split("\\|")) {
      int eq = segment.indexOf('=');
      if (eq > 0) {
        fields.put(segment.substring(0, eq).strip(), segment.substring(eq + 1).strip());
      }
    }
    return fields;
  }

  /** {@code fields} as a line, in their iteration order, with the trailing newline. */
  static String encode(Map<String, String> fields) {
    for (Map.Entry<String, String> e : fields.entrySet()) {
      check(e.getKey());
      check(e.getValue());
    }
    return fields.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("|"))
        + "\n";
  }

  private static void check(String text) {
    if (text.indexOf('|') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(
          "control line keys and values cannot hold '|' or line breaks: " + text);
    }
  }
}
