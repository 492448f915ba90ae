package dev.pgpipe.cdc;

import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.client.PgException;
import org.jspecify.annotations.Nullable;

/**
 * Change capture cannot go on: the slot was dropped or invalidated, the source is not set up for
 * logical replication, a message could not be decoded. Keeps the SQLSTATE (when the server gave
 * one), the slot, and the LSN where it happened (0 when none); the message says what to run.
 */
public final class CdcException extends PgException {

  private static final long serialVersionUID = 1L;

  private final String slot;
  private final long lsn;

  public CdcException(
      String message, @Nullable String sqlState, String slot, long lsn, @Nullable Throwable cause) {
    super(
        message + (lsn == 0 ? "" : " (at LSN " + Lsn.format(lsn) + ")"),
        sqlState,
        null,
        null,
        0,
        cause);
    this.slot = slot;
    this.lsn = lsn;
  }

  /** The replication slot concerned ("" when none). */
  public String slot() {
    return slot;
  }

  /** The LSN where it happened, 0 when none. */
  public long lsn() {
    return lsn;
  }
}
