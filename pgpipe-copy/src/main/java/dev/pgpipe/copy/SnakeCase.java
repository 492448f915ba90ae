package dev.pgpipe.copy;

import java.util.Locale;

/** The snake_case default names of tables and columns mapped from records. */
final class SnakeCase {

  private SnakeCase() {}

  /** {@code tsEvent} → {@code ts_event}, {@code HTTPServer} → {@code http_server}. */
  static String of(String name) {
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
