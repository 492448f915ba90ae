package dev.pgpipe.cdc;

import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.cdc.pgoutput.PgOutputException;
import dev.pgpipe.client.Attempts;
import dev.pgpipe.client.Backoff;
import dev.pgpipe.client.PgException;
import dev.pgpipe.client.Sleeper;
import java.sql.SQLException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Tells failures to retry (lost connections, a slot still held) from ones that stop the reader. */
final class Failures {

  static final String UNDEFINED_OBJECT = "42704";
  static final String OBJECT_IN_USE = "55006";
  static final String PREREQUISITE_STATE = "55000";

  /** A slot held by a consumer that is going away is looked at every 20 ms, for up to 10 s. */
  static final Backoff SLOT_RELEASE =
      Backoff.exponential(Duration.ofMillis(20), Duration.ofMillis(20))
          .withMaxElapsed(Duration.ofSeconds(10));

  private Failures() {}

  /**
   * After {@code e} while a slot is used: rethrows it unless the slot is in use (55006); otherwise
   * waits for the next look and returns true, or returns false once {@link #SLOT_RELEASE}'s
   * deadline passed.
   */
  static boolean awaitRelease(PgException e, Attempts attempts) {
    if (!OBJECT_IN_USE.equals(e.sqlState())) {
      throw e;
    }
    if (!attempts.failed()) {
      return false;
    }
    try {
      attempts.pause(Sleeper.SYSTEM);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw e;
    }
    return true;
  }

  /**
   * The exception to stop with, or null when reconnecting may help. Whether it may is {@link
   * PgException#isTransient()}'s decision; this class adds what the replication connection's
   * failures mean: one without any SQLSTATE is a broken stream (pgjdbc reports some socket failures
   * on the replication protocol that way), so it is retried like a lost connection; 42704 is a
   * missing slot and 55000 an invalidated one, both stopped with how to fix them.
   */
  static @Nullable CdcException fatal(Exception e, String slot, long lsn) {
    if (e instanceof CdcException cdc) {
      return cdc;
    }
    if (e instanceof PgOutputException || e instanceof IllegalArgumentException) {
      return new CdcException(
          "cannot decode the replication stream: " + e.getMessage(), null, slot, lsn, e);
    }
    PgException failure = asPgException(e);
    String state = failure.sqlState();
    if (state == null || failure.isTransient()) {
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

  /** The failure to stop with when the reconnect backoff ran out of attempts or time. */
  static CdcException gaveUp(Exception e, String slot, long lsn, int attempts) {
    return new CdcException(
        "gave up reconnecting to replication slot "
            + slot
            + " after "
            + attempts
            + " failed attempts within the reconnect limit ("
            + e.getMessage()
            + "): check that the source server is up and reachable, then start again; the slot"
            + " keeps the changes",
        asPgException(e).sqlState(),
        slot,
        lsn,
        e);
  }

  /** The failure as a {@link PgException}; one from neither the server nor the driver is XX000. */
  private static PgException asPgException(Exception e) {
    if (e instanceof PgException pg) {
      return pg;
    }
    if (e instanceof SQLException sql) {
      return PgException.from(sql, "replication");
    }
    if (e.getCause() instanceof SQLException sql) {
      return PgException.from(sql, "replication");
    }
    return new PgException(String.valueOf(e.getMessage()), "XX000", null, null, 0, e);
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
              + " drop it (pgpipe slots drop "
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
