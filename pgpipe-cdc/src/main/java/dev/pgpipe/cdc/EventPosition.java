package dev.pgpipe.cdc;

import java.time.Instant;

/**
 * Where an event sits: the LSN of its WAL record, its transaction id and commit time, and its
 * zero-based index within the transaction. Snapshot rows have LSN and xid 0.
 */
public record EventPosition(long lsn, long xid, Instant commitTime, int index) {

  public EventPosition {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0: " + index);
    }
  }
}
