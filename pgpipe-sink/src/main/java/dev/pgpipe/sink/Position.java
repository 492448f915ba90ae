package dev.pgpipe.sink;

import dev.pgpipe.cdc.pgoutput.Lsn;

/**
 * How far a source was applied: the commit LSN of the last transaction applied (or being applied,
 * when it came in parts) and the index of its last applied event; {@code endLsn} is the end of the
 * last transaction applied completely (what the source may confirm); {@code snapshotDone} whether
 * the initial snapshot finished. {@link #NONE} before anything was applied.
 */
public record Position(long commitLsn, int eventIndex, long endLsn, boolean snapshotDone) {

  public static final Position NONE = new Position(0, -1, 0, false);

  /** Whether the event at {@code (commitLsn, index)} was applied already. */
  public boolean covers(long eventCommitLsn, int index) {
    return eventCommitLsn < commitLsn || (eventCommitLsn == commitLsn && index <= eventIndex);
  }

  @Override
  public String toString() {
    return "Position[commit="
        + Lsn.format(commitLsn)
        + ", index="
        + eventIndex
        + ", end="
        + Lsn.format(endLsn)
        + (snapshotDone ? ", snapshot done" : "")
        + "]";
  }
}
