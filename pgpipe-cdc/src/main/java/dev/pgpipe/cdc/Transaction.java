package dev.pgpipe.cdc;

import dev.pgpipe.cdc.pgoutput.Lsn;
import java.time.Instant;
import java.util.List;

/**
 * A committed transaction's events in commit order, or one part of it.
 *
 * <p>{@code beginLsn} is the LSN of the first record sent for it, {@code commitLsn} that of its
 * commit record, {@code endLsn} the position just past it: the LSN a consumer confirms. Large
 * transactions (more events than {@link CdcConfig#maxEventsPerPart()}) arrive as consecutive parts
 * 0, 1, ... that share xid and LSNs; only the part with {@code lastPart} completes the transaction.
 * Snapshot rows arrive as transactions with xid 0 and {@code endLsn} 0 (nothing to confirm), before
 * any streamed change. Immutable.
 */
public record Transaction(
    long xid,
    long beginLsn,
    long commitLsn,
    long endLsn,
    Instant commitTime,
    List<ChangeEvent> events,
    int part,
    boolean lastPart) {

  public Transaction {
    events = List.copyOf(events);
    if (part < 0) {
      throw new IllegalArgumentException("part must be >= 0: " + part);
    }
  }

  /** Whether this holds snapshot rows rather than streamed changes. */
  public boolean isSnapshot() {
    return endLsn == 0;
  }

  public int size() {
    return events.size();
  }

  @Override
  public String toString() {
    return "Transaction[xid="
        + xid
        + ", commit="
        + Lsn.format(commitLsn)
        + ", end="
        + Lsn.format(endLsn)
        + ", events="
        + events.size()
        + ", part="
        + part
        + (lastPart ? " (last)" : "")
        + "]";
  }
}
