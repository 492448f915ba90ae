package dev.pgpipe.sink;

import java.util.List;
import java.util.stream.Collectors;

/** Identifier quoting: every name that reaches SQL text goes through here. */
final class Sql {

  private Sql() {}

  /** {@code "name"} with embedded quotes doubled; refuses NUL, which no identifier may hold. */
  static String quote(String identifier) {
    if (identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a valid identifier: '" + identifier + "'");
    }
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  static String quote(String schema, String name) {
    return quote(schema) + "." + quote(name);
  }

  static String quoteAll(List<String> identifiers) {
    return identifiers.stream().map(Sql::quote).collect(Collectors.joining(", "));
  }
}
