package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import java.util.LinkedHashMap;
import java.util.List;

/** One thing a planned batch does to the target, in order. */
sealed interface Step {

  /**
   * The changes to one table: its key moves, applied first, then one net row per key. No move
   * touches a key (old or new) that an earlier move or change of the step touched ({@link Planner}
   * starts a new step instead), so for every key this order is the source's.
   */
  record Rows(TargetTable table, LinkedHashMap<List<String>, NetRow> rows, List<KeyMove> moves)
      implements Step {}

  /** {@code TRUNCATE} of the tables, as the source did it. */
  record Truncate(List<TargetTable> tables, boolean restartIdentity, ChangeEvent event)
      implements Step {}

  /** An event the target cannot take at all (unknown column, no key): a dead letter. */
  record Reject(ChangeEvent event, String reason) implements Step {}
}
