package dev.pgpipe.cdc;

/**
 * Where a {@link ChangeStream}'s reader is, for health checks: {@link #STREAMING} is the only state
 * in which changes flow from the server as they commit.
 */
public enum StreamState {
  /** Opened; the reader has not connected yet. */
  STARTING,
  /** Copying the initial snapshot. */
  SNAPSHOTTING,
  /** Connected to the slot and streaming. */
  STREAMING,
  /** The connection dropped; waiting to connect again (see {@link ChangeStream#lastError()}). */
  RECONNECTING,
  /** An {@code initial_only} snapshot was read whole. */
  FINISHED,
  /** Stopped on a problem no retry can fix (see {@link ChangeStream#lastError()}). */
  FAILED,
  /** Closed. */
  CLOSED;

  /** The lower-case name, as health endpoints print it. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
