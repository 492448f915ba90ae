package dev.pgpipe.cdc;

import dev.pgpipe.client.Attempts;
import dev.pgpipe.client.PgException;
import dev.pgpipe.client.Ticker;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells, when a slot is found on start, whether the initial snapshot taken with it was delivered
 * whole. Right after creating a slot for a snapshot, the stream writes a non-transactional logical
 * message with prefix {@value #PREFIX} into the WAL; it is decoded after the snapshot point and
 * never delivered, so the slot confirms past it only once every snapshot row before it was
 * acknowledged. A slot that still holds the mark unconfirmed belongs to a snapshot that was cut
 * short (the process was killed while copying): its rows were never all delivered, and the slot
 * must be dropped and the snapshot taken again.
 *
 * <p>The mark is looked for among the first {@value #LOOK_AHEAD} changes the slot holds, with
 * {@code pg_logical_slot_peek_binary_changes} (which leaves the slot as it is). Logical messages
 * reach pgoutput from PostgreSQL 14 on; on 13 a cut-short snapshot is not detected. The mark is
 * written a few milliseconds after the slot is created: a kill inside that window leaves a slot
 * without a mark, which resumes as if the snapshot had finished.
 */
final class SnapshotMark {

  static final String PREFIX = "pgpipe.snapshot-pending";
  private static final int LOOK_AHEAD = 10_000;
  private static final int MESSAGE = 'M';
  private static final Logger log = LoggerFactory.getLogger(SnapshotMark.class);

  private SnapshotMark() {}

  static void write(SourceCatalog catalog, String slot) {
    catalog.execute("SELECT pg_logical_emit_message(false, ?, ?)", PREFIX, slot);
  }

  /**
   * Whether {@code slot} still holds the mark of a snapshot it never confirmed. A slot still held
   * by a consumer that is going away (a killed process whose connection the server has not closed
   * yet) is waited for as {@link Failures#SLOT_RELEASE} says (10 s); one held longer is taken as
   * finished, as before the mark existed.
   */
  static boolean pending(SourceCatalog catalog, String slot, String publication) {
    if (catalog.serverVersion() < 140000) {
      return false;
    }
    Attempts attempts = Failures.SLOT_RELEASE.start(Ticker.SYSTEM);
    while (true) {
      try {
        return peek(catalog, slot, publication);
      } catch (PgException e) {
        if (!Failures.awaitRelease(e, attempts)) {
          log.warn("slot {} stays in use; cannot tell whether its snapshot finished", slot);
          return false;
        }
      }
    }
  }

  private static boolean peek(SourceCatalog catalog, String slot, String publication) {
    List<Boolean> found =
        catalog.query(
            "SELECT EXISTS (SELECT 1 FROM pg_logical_slot_peek_binary_changes(?, NULL, ?,"
                + " 'proto_version', '1', 'publication_names', ?, 'messages', 'true')"
                + " WHERE get_byte(data, 0) = ? AND position(convert_to(?, 'UTF8') IN data) > 0)",
            List.of(slot, LOOK_AHEAD, publication, MESSAGE, PREFIX),
            rs -> rs.getBoolean(1));
    return found.get(0);
  }
}
