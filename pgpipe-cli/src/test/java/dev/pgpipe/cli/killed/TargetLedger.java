package dev.pgpipe.cli.killed;

import dev.pgpipe.testkit.TestDatabase;

/**
 * The target's record of what it applied ({@code pgpipe.sink_ledger}): whether it moved, and
 * whether the transaction it stands in was applied only in part.
 */
record TargetLedger(TestDatabase target) {

  private static final String LEDGER = "pgpipe.sink_ledger";

  /**
   * {@code commit/index/snapshot done} of every source, or empty before the sink made its ledger.
   */
  String state() {
    return TableRows.exists(target, LEDGER)
        ? target
            .strings(
                "SELECT coalesce(string_agg(commit_lsn || '/' || event_index || '/' || snapshot_done, ';'), '') FROM "
                    + LEDGER)
            .get(0)
        : "";
  }

  /** Whether a streamed change was applied after the snapshot rows. */
  boolean snapshotDone() {
    return state().endsWith("/true");
  }

  /** Whether the last commit applied a transaction in part: more of it is still to come. */
  boolean midTransaction() {
    return TableRows.exists(target, LEDGER)
        && !target
            .strings(
                "SELECT count(*) FROM "
                    + LEDGER
                    + " WHERE event_index BETWEEN 0 AND "
                    + (Integer.MAX_VALUE - 1))
            .get(0)
            .equals("0");
  }
}
