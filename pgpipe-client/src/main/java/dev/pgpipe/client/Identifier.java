package dev.pgpipe.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A PostgreSQL identifier (a schema, table, column, publication or slot name) exactly as the
 * catalog spells it, and the one place where names become SQL text.
 *
 * <p>{@link #quoted()} always double-quotes, doubling embedded quotes: the name reaches the server
 * unchanged, with its case, spaces, dots and unicode, so it matches what {@code pg_class}, {@code
 * pg_attribute} and pgoutput report. No name is ever folded to lower case; a user who typed {@code
 * Orders} means the table the catalog lists as {@code Orders}.
 *
 * <p>The constructor refuses what PostgreSQL cannot hold or would silently change:
 *
 * <ul>
 *   <li>the empty name ({@code ""} is a syntax error: "zero-length delimited identifier");
 *   <li>NUL, which no PostgreSQL string can contain;
 *   <li>an unpaired UTF-16 surrogate, which has no UTF-8 encoding (the driver would send {@code
 *       ?});
 *   <li>more than {@value #MAX_BYTES} bytes of UTF-8: the server truncates longer names to {@code
 *       NAMEDATALEN - 1} bytes with only a notice, so the object created or looked up would be a
 *       different one from the name given.
 * </ul>
 *
 * <p>Errors print the name with control characters escaped and at most 80 characters of it, so a
 * hostile name cannot break a log line. Immutable and thread-safe.
 *
 * <p>Constructing one throws {@link IllegalArgumentException} when PostgreSQL cannot hold {@code
 * name} exactly.
 *
 * @param name the name as the catalog spells it, without quotes
 */
public record Identifier(String name) {

  /** The longest name PostgreSQL keeps whole, in bytes: {@code NAMEDATALEN - 1}. */
  public static final int MAX_BYTES = 63;

  private static final int SHOWN_CHARS = 80;

  public Identifier {
    if (name.isEmpty()) {
      throw invalid(name, "it is empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\0') {
        throw invalid(name, "it contains NUL at index " + i);
      }
      if (Character.isSurrogate(c) && !pairedSurrogate(name, i)) {
        throw invalid(name, "it contains an unpaired UTF-16 surrogate at index " + i);
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw invalid(
          name,
          "it is "
              + bytes
              + " bytes long and PostgreSQL would cut it to "
              + MAX_BYTES
              + "; use a shorter name");
    }
  }

  /** The identifier for {@code name}; same as the constructor. */
  public static Identifier of(String name) {
    return new Identifier(name);
  }

  /** {@code "name"} with embedded double quotes doubled, ready for SQL text. */
  public String quoted() {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /**
   * {@code name} validated and quoted, for SQL text.
   *
   * @throws IllegalArgumentException when PostgreSQL cannot hold {@code name} exactly
   */
  public static String quote(String name) {
    return new Identifier(name).quoted();
  }

  /** {@code "schema"."name"}, both parts validated and quoted. */
  public static String quote(String schema, String name) {
    return quote(schema) + "." + quote(name);
  }

  /** The names validated, quoted and joined with {@code ", "}, for column lists. */
  public static String quoteAll(List<String> names) {
    return names.stream().map(Identifier::quote).collect(Collectors.joining(", "));
  }

  /** The quoted form, as in SQL text. */
  @Override
  public String toString() {
    return quoted();
  }

  private static boolean pairedSurrogate(String text, int i) {
    return Character.isHighSurrogate(text.charAt(i))
        && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1));
  }

  private static IllegalArgumentException invalid(String name, String why) {
    return new IllegalArgumentException(
        "not a valid identifier: " + printable(name) + " (" + why + ")");
  }

  /** The name in double quotes with control characters escaped, cut after 80 characters. */
  static String printable(String name) {
    StringBuilder out = new StringBuilder("\"");
    int end = Math.min(name.length(), SHOWN_CHARS);
    for (int i = 0; i < end; i++) {
      char c = name.charAt(i);
      if (pairedSurrogate(name, i)) {
        out.append(c).append(name.charAt(++i));
      } else if (c == '\0') {
        out.append("\\0");
      } else if (Character.isISOControl(c) || Character.isSurrogate(c) || c == '\\') {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
    return name.length() > end ? out + "... (" + name.length() + " characters)" : out.toString();
  }
}
