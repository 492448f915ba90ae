package dev.pgpipe.client;

/**
 * SQL string literals, for the few statements that cannot take a parameter (DDL defaults, {@code
 * COPY ... FROM 'file'}).
 */
public final class SqlLiteral {

  private SqlLiteral() {}

  /**
   * {@code text} as an escape-string literal, {@code E'...'}: quotes and backslashes doubled, so it
   * reads the same whatever {@code standard_conforming_strings} is.
   */
  public static String quote(String text) {
    return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
