package dev.pgpipe.market;

import dev.pgpipe.client.Database;
import dev.pgpipe.client.Identifier;
import dev.pgpipe.client.SqlRunner;
import java.util.Optional;

/**
 * The load ledger: one row per file or fetched range loaded into the market tables, keyed by its
 * source ({@code sha256:<hex>} of a file's bytes, or {@code fetch:<hex>} of a request), with the
 * dataset, schema, key-time range and record count. A source whose row is {@code complete} is
 * skipped on its next load without reading its records. An incomplete row (a load cut short) keeps
 * {@code resume_ns}: every record with a key time before it is committed, so the next load of that
 * source may start there, taking the staged path for the overlap.
 *
 * <p>The rows themselves are exactly-once by the writers' batch ledger (each batch's ledger row is
 * committed in the same transaction as the batch) and the tables' keys. A source's complete row is
 * written in the transaction of its last batch, after all its other batches committed, so it
 * commits with its rows: never ahead of them, never behind. An incomplete row (a load that broke
 * off) is written after the batches it describes, and only ever lags behind them. Thread-safe.
 */
final class LoadLedger {

  private final Database db;
  private final String table;

  LoadLedger(Database db, TablePrefix prefix) {
    this.db = db;
    this.table = Identifier.quote(prefix.schema(), prefix.prefix() + "dbn_load_ledger");
  }

  /** The name (unquoted, in the tables' schema) of the batch ledger the writers share. */
  static String batchLedgerName(TablePrefix prefix) {
    return prefix.prefix() + "dbn_batch_ledger";
  }

  void create() {
    db.sql(
            "CREATE TABLE IF NOT EXISTS "
                + table
                + " (source text PRIMARY KEY, name text NOT NULL, dataset text,"
                + " schema text, start_ns bigint, end_ns bigint, records bigint NOT NULL,"
                + " resume_ns bigint, complete boolean NOT NULL, staged boolean NOT NULL,"
                + " updated_at timestamptz NOT NULL DEFAULT now())")
        .update();
  }

  /** The row of {@code source}, if it was ever (partly) loaded. */
  Optional<LedgerEntry> find(String source) {
    return db.sql(
            "SELECT source, name, dataset, schema, start_ns, end_ns, records, resume_ns, complete,"
                + " staged FROM "
                + table
                + " WHERE source = :source")
        .bind("source", source)
        .as(LedgerEntry.class)
        .optional();
  }

  /** Records (or replaces) the row of a source, on its own connection. */
  void record(LedgerEntry entry) {
    record(db, entry);
  }

  /** Records (or replaces) the row of a source, in {@code runner}'s transaction when it has one. */
  void record(SqlRunner runner, LedgerEntry entry) {
    runner
        .sql(
            "INSERT INTO "
                + table
                + " (source, name, dataset, schema, start_ns, end_ns, records, resume_ns, complete,"
                + " staged) VALUES (:source, :name, :dataset, :schema, :start, :end, :records,"
                + " :resume, :complete, :staged) ON CONFLICT (source) DO UPDATE SET name = EXCLUDED.name,"
                + " dataset = EXCLUDED.dataset, schema = EXCLUDED.schema,"
                + " start_ns = EXCLUDED.start_ns, end_ns = EXCLUDED.end_ns,"
                + " records = EXCLUDED.records, resume_ns = EXCLUDED.resume_ns,"
                + " complete = EXCLUDED.complete, staged = EXCLUDED.staged, updated_at = now()")
        .bind("source", entry.source())
        .bind("name", entry.name())
        .bind("dataset", entry.dataset())
        .bind("schema", entry.schema())
        .bind("start", entry.startNs())
        .bind("end", entry.endNs())
        .bind("records", entry.records())
        .bind("resume", entry.resumeNs())
        .bind("complete", entry.complete())
        .bind("staged", entry.staged())
        .update();
  }
}
