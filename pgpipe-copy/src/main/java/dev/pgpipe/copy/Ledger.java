package dev.pgpipe.copy;

import dev.pgpipe.client.Database;
import dev.pgpipe.client.Transaction;

/**
 * The record of loaded batches that makes a retry safe: a batch's row {@code (writer_id, batch_id)}
 * is inserted in the same transaction as its data, so after a lost connection (even during COMMIT)
 * a retry finds it and skips the batch instead of loading it twice.
 *
 * @param table the ledger table, quoted and qualified
 * @param writerId names the writer; batches are numbered from 1 within it
 */
record Ledger(String table, String writerId) {

  void create(Database db) {
    db.sql(
            "CREATE TABLE IF NOT EXISTS "
                + table
                + " (writer_id text NOT NULL, batch_id bigint NOT NULL, rows bigint NOT NULL,"
                + " loaded_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (writer_id, batch_id))")
        .update();
  }

  /** Records the batch; false when it was recorded (and so loaded) before. */
  boolean claim(Transaction tx, long batchId, int rows) {
    return tx.sql(
                "INSERT INTO "
                    + table
                    + " (writer_id, batch_id, rows) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                writerId,
                batchId,
                (long) rows)
            .update()
        == 1;
  }
}
