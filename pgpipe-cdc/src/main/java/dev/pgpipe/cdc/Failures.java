package dev.pgpipe.cdc;

import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.cdc.pgoutput.PgOutputException;
import dev.pgpipe.client.PgException;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/** Tells failures to retry (lost connections, a slot still held) from ones that stop the reader. */
final class Failures {

  static final String UNDEFINED_OBJECT = "42704";
  static final String OBJECT_IN_USE = "55006";
  static final String PREREQUISITE_STATE = "55000";

  private Failures() {}

  /** The exception to stop with, or null when reconnecting may help. */
  static @Nullable CdcException fatal(Exception e, String slot, long lsn) {
    if (e instanceof CdcException cdc) {
      return cdc;
    }
    if (e instanceof PgOutputException || e instanceof IllegalArgumentException) {
      return new CdcException(
          "cannot decode the replication stream: " + e.getMessage(), null, slot, lsn, e);
    }
    String state = sqlState(e);
    if (state == null
        || state.startsWith("08")
        || state.startsWith("57")
        || state.startsWith("53")
        || state.equals(OBJECT_IN_USE)) {
      return null;
    }
    if (state.equals(UNDEFINED_OBJECT)) {
      return slotMissing(slot, lsn, e);
    }
    if (state.equals(PREREQUISITE_STATE)) {
      return new CdcException(
          "replication slot "
              + slot
              + " can no longer stream ("
              + e.getMessage()
              + "); it was probably invalidated: drop it and start again with --snapshot initial",
          state,
          slot,
          lsn,
          e);
    }
    return new CdcException("replication failed: " + e.getMessage(), state, slot, lsn, e);
  }

  private static @Nullable String sqlState(Exception e) {
    if (e instanceof PgException pg) {
      return pg.sqlState();
    }
    if (e instanceof SQLException sql) {
      return sql.getSQLState();
    }
    return e.getCause() instanceof SQLException sql ? sql.getSQLState() : "XX000";
  }

  static CdcException slotMissing(String slot, long lsn, @Nullable Exception cause) {
    return new CdcException(
        "replication slot "
            + slot
            + " does not exist (dropped?); changes after "
            + Lsn.format(lsn)
            + " cannot be recovered from it: start again with --snapshot initial to re-create it"
            + " and copy the tables",
        UNDEFINED_OBJECT,
        slot,
        lsn,
        cause);
  }

  /** The slot, after checking it exists, decodes pgoutput and was not invalidated. */
  static SlotInfo checkSlot(SourceCatalog catalog, String slot, long lsn) {
    SlotInfo info = catalog.slot(slot).orElseThrow(() -> slotMissing(slot, lsn, null));
    if (info.invalidated()) {
      throw new CdcException(
          "replication slot "
              + slot
              + " was invalidated by the server (wal_status lost, usually max_slot_wal_keep_size):"
              + " drop it (pgpipe slots --drop "
              + slot
              + ") and start again with --snapshot initial",
          PREREQUISITE_STATE,
          slot,
          lsn,
          null);
    }
    if (!info.plugin().equals("pgoutput")) {
      throw new CdcException(
          "replication slot "
              + slot
              + " uses plugin "
              + info.plugin()
              + ", not pgoutput: use another slot name",
          null,
          slot,
          lsn,
          null);
    }
    return info;
  }
}
