package dev.pgpipe.cdc;

import java.util.Locale;

/** What a {@link ChangeEvent} did. */
public enum Operation {
  /** A row was inserted. */
  INSERT,
  /** A row was updated. */
  UPDATE,
  /** A row was deleted. */
  DELETE,
  /** The table was truncated (one event per table). */
  TRUNCATE,
  /** A logical decoding message ({@code pg_logical_emit_message}). */
  MESSAGE,
  /** A row read by the initial snapshot. */
  SNAPSHOT;

  /** The lower-case name used in envelopes and on command lines. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #label()} (case-insensitive). */
  public static Operation fromLabel(String label) {
    try {
      return valueOf(label.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown operation '" + label + "': use insert, update, delete, truncate, message", e);
    }
  }
}
