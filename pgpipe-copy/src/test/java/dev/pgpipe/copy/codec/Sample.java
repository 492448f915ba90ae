package dev.pgpipe.copy.codec;

/**
 * One oracle value: what Java encodes, the SQL expression PostgreSQL evaluates to the same value,
 * and what decoding PostgreSQL's bytes must give back.
 */
record Sample(Object value, String sql, Object decoded) {

  static Sample of(Object value, String sql) {
    return new Sample(value, sql, value);
  }
}
