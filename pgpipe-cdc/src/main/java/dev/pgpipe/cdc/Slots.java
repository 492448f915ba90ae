package dev.pgpipe.cdc;

import dev.pgpipe.client.Attempts;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.PgException;
import dev.pgpipe.client.Ticker;
import java.util.List;

/**
 * Replication slots of a server, for operators: list them with the WAL they hold, drop one.
 *
 * <pre>{@code
 * for (SlotInfo slot : Slots.list(settings)) System.out.println(slot);
 * Slots.drop(settings, "pgpipe", false);
 * }</pre>
 */
public final class Slots {

  private Slots() {}

  /** Every slot on the server, by name, with its lag in bytes. */
  public static List<SlotInfo> list(ConnectionSettings settings) {
    try (SourceCatalog catalog = new SourceCatalog(settings)) {
      return catalog.slots();
    }
  }

  /**
   * Drops a slot so the server stops keeping WAL for it. An active slot is refused unless {@code
   * terminate}, which first ends the process streaming from it, and any that takes the slot again
   * while the drop waits for its release (a consumer that reconnects at once).
   *
   * @throws CdcException when the slot does not exist or is active
   */
  public static void drop(ConnectionSettings settings, String slot, boolean terminate) {
    try (SourceCatalog catalog = new SourceCatalog(settings)) {
      SlotInfo info = catalog.slot(slot).orElseThrow(() -> Failures.slotMissing(slot, 0, null));
      if (info.active() && !terminate) {
        throw new CdcException(
            "replication slot "
                + slot
                + " is active for PID "
                + info.activePid()
                + ": stop that consumer first, or drop with terminate",
            Failures.OBJECT_IN_USE,
            slot,
            info.confirmedFlushLsn(),
            null);
      }
      if (info.active()) {
        catalog.execute("SELECT pg_terminate_backend(?)", info.activePid());
      }
      dropWhenReleased(catalog, slot, terminate);
    }
  }

  private static void dropWhenReleased(SourceCatalog catalog, String slot, boolean terminate) {
    Attempts attempts = Failures.SLOT_RELEASE.start(Ticker.SYSTEM);
    while (true) {
      try {
        catalog.execute("SELECT pg_drop_replication_slot(?)", slot);
        return;
      } catch (PgException e) {
        if (!Failures.awaitRelease(e, attempts)) {
          throw e;
        }
        if (terminate) { // the process ended may have been a consumer that took the slot again
          catalog
              .slot(slot)
              .filter(SlotInfo::active)
              .ifPresent(
                  info -> catalog.execute("SELECT pg_terminate_backend(?)", info.activePid()));
        }
      }
    }
  }
}
