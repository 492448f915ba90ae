package dev.pgpipe.sink.backfill;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A row of the target's backfill table: the source id, the progress of its table, the state ({@code
 * pending}: requested, nothing applied yet; {@code running}; {@code done}; {@code failed} with the
 * error) and when it was requested and last moved. Immutable.
 */
public record BackfillState(
    String sourceId,
    BackfillProgress progress,
    String state,
    @Nullable String error,
    Instant requestedAt,
    Instant updatedAt) {

  public String table() {
    return progress.table();
  }

  /** Whether a backfiller still has to work on it. */
  public boolean open() {
    return state.equals("pending") || state.equals("running");
  }
}
