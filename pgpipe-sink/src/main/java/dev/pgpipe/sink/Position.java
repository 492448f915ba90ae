package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.pgoutput.Lsn;

/**
 * How far a source was applied: the commit LSN of the last transaction applied (or being applied,
 * when it came in parts) and the index of its last applied event; {@code endLsn} is the end of the
 * last transaction applied completely (what the source may confirm); {@code snapshotDone} whether
 * the initial snapshot finished. {@link #NONE} before anything was applied.
 *
 * <p>The order of events is (commit LSN, index): every event of a transaction that committed before
 * {@code commitLsn} is applied, and so is every event of the transaction at {@code commitLsn} up to
 * {@code eventIndex}; {@link #COMPLETE} as the index says that transaction was applied whole. Pure
 * values: {@link #covers} decides what to skip, {@link #after} what to record.
 */
public record Position(long commitLsn, int eventIndex, long endLsn, boolean snapshotDone) {

  /** The index recorded once a transaction's last part was applied: it covers any event of it. */
  public static final int COMPLETE = Integer.MAX_VALUE;

  public static final Position NONE = new Position(0, -1, 0, false);

  public Position {
    if (eventIndex < -1) {
      throw new IllegalArgumentException("eventIndex must be >= -1: " + eventIndex);
    }
  }

  /**
   * Whether {@code event} of {@code tx} was applied already. Snapshot rows carry the snapshot's
   * consistent point as their commit LSN and come before every change that committed after it, so
   * once such a change was applied they all were: a replayed snapshot row is skipped rather than
   * allowed to overwrite the newer changes that followed it. A snapshot taken later (a new slot)
   * has a later point and is applied.
   */
  public boolean covers(Transaction tx, ChangeEvent event) {
    return tx.isSnapshot() ? tx.commitLsn() < commitLsn : covers(tx.commitLsn(), event.index());
  }

  /** Whether the event at {@code (commitLsn, index)} was applied already. */
  public boolean covers(long eventCommitLsn, int index) {
    return eventCommitLsn < commitLsn || (eventCommitLsn == commitLsn && index <= eventIndex);
  }

  /**
   * The position once {@code tx} (a whole transaction or one part of it) is applied as well.
   * Snapshot rows and transactions that committed before this position leave it as it is. A part of
   * the transaction at this position raises the index to its last event; the first part seen of a
   * later transaction starts that transaction's count afresh, whatever the index of the one before
   * was. A last part completes its transaction and moves the confirmable end.
   */
  public Position after(Transaction tx) {
    if (tx.isSnapshot() || tx.commitLsn() < commitLsn) {
      return this;
    }
    if (tx.lastPart()) {
      return new Position(tx.commitLsn(), COMPLETE, Math.max(tx.endLsn(), endLsn), true);
    }
    int last = tx.events().isEmpty() ? -1 : tx.events().get(tx.size() - 1).index();
    int index = tx.commitLsn() == commitLsn ? Math.max(last, eventIndex) : last;
    return new Position(tx.commitLsn(), index, endLsn, true);
  }

  @Override
  public String toString() {
    return "Position[commit="
        + Lsn.format(commitLsn)
        + ", index="
        + (eventIndex == COMPLETE ? "complete" : Integer.toString(eventIndex))
        + ", end="
        + Lsn.format(endLsn)
        + (snapshotDone ? ", snapshot done" : "")
        + "]";
  }
}
