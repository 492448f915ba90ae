package dev.pgpipe.copy;

/** How a writer compares its {@link Table} with the live catalog before any data moves. */
public enum SchemaMode {
  /**
   * Fail on a missing table or column, a type or width that differs, or a NOT NULL column without
   * default the definition leaves out; every mismatch is listed at once.
   */
  STRICT,
  /**
   * Log mismatches and go on where that is safe (the same wire format and a column at least as
   * wide); fail on the rest as {@link #STRICT} does.
   */
  WARN,
  /**
   * {@code CREATE TABLE IF NOT EXISTS} from the definition, with its primary key, then check as
   * {@link #STRICT} does. Enum types must exist already.
   */
  BOOTSTRAP
}
