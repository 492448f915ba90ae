package dev.pgpipe.client;

import java.util.ArrayList;
import java.util.List;

/**
 * A statement with its {@code :name} parameters turned into JDBC's {@code ?}.
 *
 * <p>Names are found outside string literals ({@code '...'}, {@code E'...'}), quoted identifiers,
 * dollar-quoted bodies ({@code $tag$...$tag$}) and comments; {@code ::} casts are left alone.
 *
 * @param jdbcSql the statement to prepare
 * @param names the parameter names in the order of their {@code ?}, a name once per use
 * @param positional how many {@code ?} the original statement had itself
 */
record ParsedSql(String jdbcSql, List<String> names, int positional) {

  ParsedSql {
    names = List.copyOf(names);
    if (!names.isEmpty() && positional > 0) {
      throw new IllegalArgumentException(
          "a statement takes either ? or :name parameters, not both: " + jdbcSql);
    }
  }

  static ParsedSql parse(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    List<String> names = new ArrayList<>();
    int positional = 0;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      int skipped = skipQuotedOrComment(sql, i);
      if (skipped > i) {
        out.append(sql, i, skipped);
        i = skipped;
      } else if (c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
        out.append("::");
        i += 2;
      } else if (c == ':' && i + 1 < sql.length() && isNameStart(sql.charAt(i + 1))) {
        int end = i + 1;
        while (end < sql.length() && isNamePart(sql.charAt(end))) {
          end++;
        }
        names.add(sql.substring(i + 1, end));
        out.append('?');
        i = end;
      } else {
        positional += c == '?' ? 1 : 0;
        out.append(c);
        i++;
      }
    }
    return new ParsedSql(out.toString(), names, positional);
  }

  /** The index just past a literal, identifier or comment starting at {@code i}, or {@code i}. */
  private static int skipQuotedOrComment(String sql, int i) {
    char c = sql.charAt(i);
    char next = i + 1 < sql.length() ? sql.charAt(i + 1) : '\0';
    if (c == '\'') {
      boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e');
      return skipQuoted(sql, i, '\'', escapes);
    }
    if (c == '"') {
      return skipQuoted(sql, i, '"', false);
    }
    if (c == '-' && next == '-') {
      int end = sql.indexOf('\n', i);
      return end < 0 ? sql.length() : end;
    }
    if (c == '/' && next == '*') {
      return skipBlockComment(sql, i);
    }
    if (c == '$') {
      return skipDollarQuoted(sql, i);
    }
    return i;
  }

  private static int skipQuoted(String sql, int start, char quote, boolean backslashEscapes) {
    int i = start + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return sql.length();
  }

  private static int skipBlockComment(String sql, int start) {
    int depth = 0;
    int i = start;
    while (i < sql.length() - 1) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return sql.length();
  }

  private static int skipDollarQuoted(String sql, int start) {
    int tagEnd = start + 1;
    while (tagEnd < sql.length() && isNamePart(sql.charAt(tagEnd))) {
      tagEnd++;
    }
    if (tagEnd >= sql.length()
        || sql.charAt(tagEnd) != '$'
        || tagEnd > start + 1 && Character.isDigit(sql.charAt(start + 1))) {
      return start;
    }
    String tag = sql.substring(start, tagEnd + 1);
    int close = sql.indexOf(tag, tagEnd + 1);
    return close < 0 ? sql.length() : close + tag.length();
  }

  private static boolean isNameStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
