package dev.pgpipe.cdc;

import java.util.Locale;

/** Whether to copy the rows that exist before streaming changes. */
public enum SnapshotMode {
  /**
   * When the slot is created, copy every published table in the snapshot the slot exported, then
   * stream from the slot's consistent point: no gap, no duplicate. An existing slot is resumed
   * without a snapshot.
   */
  INITIAL,
  /** Stream changes only. */
  NEVER,
  /** Copy the tables in one consistent snapshot and stop; no slot is created. */
  INITIAL_ONLY;

  /** Parses {@code initial}, {@code never}, {@code initial_only} (case-insensitive). */
  public static SnapshotMode fromLabel(String label) {
    try {
      return valueOf(label.strip().replace('-', '_').toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown snapshot mode '" + label + "': use initial, never or initial_only", e);
    }
  }
}
