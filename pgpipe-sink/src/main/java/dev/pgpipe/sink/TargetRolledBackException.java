package dev.pgpipe.sink;

import dev.pgpipe.cdc.pgoutput.Lsn;

/**
 * The target no longer holds batches that were committed to it without waiting for its WAL flush
 * ({@link TableSink#applyAfter}): its ledger is behind what was applied, so the target crashed and
 * recovered without them. Nothing of them was acknowledged to the source, whose slot still has
 * them: the {@link Replicator} opens the stream again from the slot's confirmed position, and the
 * ledger skips what the target kept.
 */
public final class TargetRolledBackException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  TargetRolledBackException(String sourceId, Position ledger, long lostCommitLsn) {
    super(
        "the target lost batches it had committed but not yet flushed (it crashed or was restarted"
            + " without a clean shutdown): the ledger of source "
            + sourceId
            + " is at "
            + ledger
            + ", behind the transaction that committed at "
            + Lsn.format(lostCommitLsn)
            + " on the source. Reading the source again from its slot's confirmed position;"
            + " nothing is lost");
  }
}
