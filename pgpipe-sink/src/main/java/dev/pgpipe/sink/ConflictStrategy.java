package dev.pgpipe.sink;

import java.util.Locale;

/**
 * How inserted and updated rows meet the target's rows.
 *
 * <ul>
 *   <li>{@link #INSERT}: an insert fails when the key exists; an update changes the row if it is
 *       there.
 *   <li>{@link #UPSERT}: inserts and updates both become {@code INSERT ... ON CONFLICT DO UPDATE}.
 *   <li>{@link #UPDATE}: an update fails when the row is missing; an insert fails when the key
 *       exists.
 * </ul>
 *
 * A failing row goes to the dead-letter table; the stream goes on. Snapshot rows are always
 * upserts.
 */
public enum ConflictStrategy {
  INSERT,
  UPSERT,
  UPDATE;

  /** Parses {@code insert}, {@code upsert} or {@code update} (case-insensitive). */
  public static ConflictStrategy parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown conflict strategy '" + text + "': use insert, upsert or update", e);
    }
  }
}
