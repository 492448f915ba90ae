package dev.pgpipe.copy;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** SQL identifier quoting and the snake_case default names. */
final class Identifiers {

  private Identifiers() {}

  /** Always-quoted identifier: safe for any name, exact in case. */
  static String quote(String identifier) {
    if (identifier.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("an identifier cannot contain NUL: " + identifier);
    }
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  static String quoteAll(List<String> identifiers) {
    return identifiers.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
  }

  /** {@code tsEvent} → {@code ts_event}, {@code HTTPServer} → {@code http_server}. */
  static String snakeCase(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean boundary =
          Character.isUpperCase(c)
              && i > 0
              && (Character.isLowerCase(name.charAt(i - 1))
                  || Character.isDigit(name.charAt(i - 1))
                  || (i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))));
      if (boundary && out.charAt(out.length() - 1) != '_') {
        out.append('_');
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
