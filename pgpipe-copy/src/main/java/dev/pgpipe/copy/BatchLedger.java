package dev.pgpipe.copy;

import dev.pgpipe.client.Database;
import dev.pgpipe.client.RunningTransaction;
import dev.pgpipe.client.SchemaUpgrade;

/**
 * The record of loaded batches that makes a retry safe: a batch's row {@code (writer_id, batch_id)}
 * is inserted in the same transaction as its data, so after a lost connection (even during COMMIT)
 * a retry finds it and skips the batch instead of loading it twice. The row keeps the batch's row
 * count and a CRC-32C of its encoded rows: a batch of the same number but other contents (a
 * restarted load that cut its rows into batches differently) is refused, since skipping it would
 * lose rows and loading it would duplicate some.
 *
 * @param table the ledger table, quoted and qualified
 * @param writerId names the writer; batches are numbered from 1 within it
 */
record BatchLedger(String table, String writerId) {

  void create(Database db) {
    db.sql(
            "CREATE TABLE IF NOT EXISTS "
                + table
                + " (writer_id text NOT NULL, batch_id bigint NOT NULL, rows bigint NOT NULL,"
                + " loaded_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (writer_id, batch_id))")
        .update();
    db.sql(SchemaUpgrade.column(table, "crc32c", "bigint")).update();
  }

  /**
   * Records the batch; false when it was recorded (and so loaded) before.
   *
   * @throws IllegalStateException when a batch of that number was loaded with other contents
   */
  boolean claim(RunningTransaction tx, long batchId, int rows, long crc32c) {
    boolean claimed =
        tx.sql(
                    "INSERT INTO "
                        + table
                        + " (writer_id, batch_id, rows, crc32c) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                    writerId,
                    batchId,
                    (long) rows,
                    crc32c)
                .update()
            == 1;
    if (!claimed) {
      checkSameContents(tx, batchId, rows, crc32c);
    }
    return claimed;
  }

  private void checkSameContents(RunningTransaction tx, long batchId, int rows, long crc32c) {
    String loaded =
        tx.sql(
                "SELECT rows || ' rows, crc32c ' || coalesce(crc32c::text, 'unknown') FROM "
                    + table
                    + " WHERE writer_id = ? AND batch_id = ?"
                    + " AND (rows <> ? OR coalesce(crc32c <> ?, false))",
                writerId,
                batchId,
                (long) rows,
                crc32c)
            .as(String.class)
            .optional()
            .orElse("");
    if (!loaded.isEmpty()) {
      throw new IllegalStateException(
          "batch "
              + batchId
              + " of writer '"
              + writerId
              + "' was loaded before with "
              + loaded
              + ", but now holds "
              + rows
              + " rows, crc32c "
              + crc32c
              + ": the restarted load cut its rows into other batches, so skipping it would lose"
              + " rows and loading it would duplicate some. Restart with the same batch limits and"
              + " no time-based flush, or load under a new writer id after removing the rows the"
              + " first run loaded");
    }
  }
}
