package dev.pgpipe.cdc;

import dev.pgpipe.cdc.pgoutput.Lsn;

/**
 * A replication slot as {@code pg_replication_slots} shows it, with its lag: {@code retainedBytes}
 * of WAL the server keeps for it (current WAL position minus {@code restart_lsn}) and {@code
 * unconfirmedBytes} not yet confirmed (current position minus {@code confirmed_flush_lsn}). {@code
 * walStatus} is {@code reserved}, {@code extended}, {@code unreserved} or {@code lost}
 * (invalidated). LSNs are 0 when null.
 */
public record SlotInfo(
    String name,
    String plugin,
    String database,
    boolean active,
    int activePid,
    long confirmedFlushLsn,
    String walStatus,
    long retainedBytes,
    long unconfirmedBytes) {

  /** Whether the server invalidated the slot (it can no longer stream changes). */
  public boolean invalidated() {
    return walStatus.equals("lost");
  }

  @Override
  public String toString() {
    return name
        + " ("
        + plugin
        + ", database "
        + database
        + (active ? ", active pid " + activePid : ", inactive")
        + ", confirmed "
        + Lsn.format(confirmedFlushLsn)
        + ", holds "
        + retainedBytes
        + " bytes of WAL, "
        + walStatus
        + ")";
  }
}
