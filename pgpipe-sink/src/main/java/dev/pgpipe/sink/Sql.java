package dev.pgpipe.sink;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Identifier quoting for the sink's packages: every name that reaches SQL text goes through here.
 * Public so that {@code dev.pgpipe.sink.verify} shares it; not meant for other modules.
 */
public final class Sql {

  private Sql() {}

  /** {@code "name"} with embedded quotes doubled; refuses NUL, which no identifier may hold. */
  public static String quote(String identifier) {
    if (identifier.isEmpty() || identifier.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a valid identifier: '" + identifier + "'");
    }
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** {@code "schema"."name"}. */
  public static String quote(String schema, String name) {
    return quote(schema) + "." + quote(name);
  }

  static String quoteAll(List<String> identifiers) {
    return identifiers.stream().map(Sql::quote).collect(Collectors.joining(", "));
  }
}
