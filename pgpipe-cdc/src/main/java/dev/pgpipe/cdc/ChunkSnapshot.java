package dev.pgpipe.cdc;

import java.util.HashSet;
import java.util.Set;

/**
 * The MVCC snapshot a {@link KeyChunk} was read in, as {@code pg_current_snapshot()} gives it:
 * every transaction below {@code xmin} had ended, {@code inProgress} (the snapshot's xip list) were
 * running, and every one from {@code xmax} on had not yet ended, as far as the snapshot is
 * concerned. The xids are 64 bits wide (epoch and xid, as {@code xid8}). Immutable, pure.
 *
 * <p>A snapshot is taken from the server's list of running transactions, which a transaction leaves
 * only after its commit record is written and flushed (and acknowledged by synchronous standbys,
 * when there are any). So a transaction can come before a chunk's low watermark in the change
 * stream and still be invisible to the chunk read after it; {@link #hides} tells which.
 *
 * <p>Xids from {@code xmax} on are not in the xip list even when they were running: a transaction
 * that is the newest one and waits for a synchronous standby is hidden by {@code xmax} alone.
 *
 * @throws IllegalArgumentException when {@code xmin > xmax} or an xid of {@code inProgress} lies
 *     outside {@code [xmin, xmax)}
 */
public record ChunkSnapshot(long xmin, long xmax, Set<Long> inProgress) {

  private static final long XID_BITS = 0xFFFF_FFFFL;

  public ChunkSnapshot {
    if (xmin < 0 || xmin > xmax) {
      throw new IllegalArgumentException("need 0 <= xmin <= xmax: " + xmin + ", " + xmax);
    }
    inProgress = Set.copyOf(inProgress);
    for (long xid : inProgress) {
      if (xid < xmin || xid >= xmax) {
        throw new IllegalArgumentException(
            "in-progress xid " + xid + " outside the snapshot's [" + xmin + ", " + xmax + ")");
      }
    }
  }

  /**
   * Reads {@code pg_current_snapshot()}'s text, {@code xmin:xmax:xip,xip,...}.
   *
   * @throws IllegalArgumentException when {@code text} is not in that form
   */
  public static ChunkSnapshot parse(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a pg_snapshot (xmin:xmax:xip,...): " + text);
    }
    try {
      Set<Long> running = new HashSet<>();
      for (String xid : parts[2].split(",")) {
        if (!xid.isEmpty()) {
          running.add(Long.parseLong(xid));
        }
      }
      return new ChunkSnapshot(Long.parseLong(parts[0]), Long.parseLong(parts[1]), running);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a pg_snapshot (xmin:xmax:xip,...): " + text, e);
    }
  }

  /**
   * Whether a transaction that committed is invisible to this snapshot: it was in progress when the
   * snapshot was taken, or began later. {@code xid} is the 32-bit xid pgoutput sends (its higher
   * bits are ignored); it is placed in the epoch nearest to {@code xmax}, which is right for every
   * transaction less than 2^31 xids away from the snapshot.
   */
  public boolean hides(long xid) {
    int distance = (int) ((xid & XID_BITS) - (xmax & XID_BITS));
    long full = xmax + distance;
    return full >= xmax || inProgress.contains(full);
  }
}
