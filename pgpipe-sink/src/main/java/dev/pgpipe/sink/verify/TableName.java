package dev.pgpipe.sink.verify;

import dev.pgpipe.client.Identifier;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A table by schema and name, exactly as the catalog spells them (no case folding). {@link
 * #toString()} prints {@code schema.name}, double-quoting a part that is not a plain lower-case
 * identifier.
 */
public record TableName(String schema, String name) {

  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

  /**
   * @throws IllegalArgumentException when a part is empty or not a valid {@link Identifier}
   */
  public TableName {
    if (schema.isEmpty() || name.isEmpty()) {
      throw new IllegalArgumentException(
          "schema and table name must not be empty: '" + schema + "'.'" + name + "'");
    }
    Identifier.of(schema);
    Identifier.of(name);
  }

  /**
   * {@code table} (in {@code public}), {@code schema.table}, or either part double-quoted with
   * quotes doubled, for names that hold a dot: {@code "my.schema"."a ""b"""}.
   *
   * @throws IllegalArgumentException for an empty name, more than two parts or an open quote
   */
  public static TableName parse(String text) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i <= text.length()) {
      StringBuilder part = new StringBuilder();
      if (i < text.length() && text.charAt(i) == '"') {
        i = quoted(text, i + 1, part);
      } else {
        int dot = text.indexOf('.', i);
        int end = dot < 0 ? text.length() : dot;
        part.append(text, i, end);
        i = end;
      }
      parts.add(part.toString());
      if (i < text.length() && text.charAt(i) != '.') {
        throw bad(text, "expected a dot after a quoted name");
      }
      i++;
    }
    return switch (parts.size()) {
      case 1 -> new TableName("public", nonEmpty(parts.get(0), text));
      case 2 -> new TableName(nonEmpty(parts.get(0), text), nonEmpty(parts.get(1), text));
      default -> throw bad(text, "expected table or schema.table");
    };
  }

  private static int quoted(String text, int start, StringBuilder part) {
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
        part.append('"');
        i += 2;
      } else if (c == '"') {
        return i + 1;
      } else {
        part.append(c);
        i++;
      }
    }
    throw bad(text, "a quote is not closed");
  }

  private static String nonEmpty(String part, String text) {
    if (part.isEmpty()) {
      throw bad(text, "a part of the name is empty");
    }
    return part;
  }

  private static IllegalArgumentException bad(String text, String why) {
    return new IllegalArgumentException("not a table name: '" + text + "' (" + why + ")");
  }

  /** {@code "schema"."name"}, for SQL text. */
  String quoted() {
    return Identifier.quote(schema, name);
  }

  @Override
  public String toString() {
    return display(schema) + "." + display(name);
  }

  private static String display(String part) {
    return PLAIN.matcher(part).matches() ? part : Identifier.quote(part);
  }
}
