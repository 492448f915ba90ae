package dev.pgpipe.market;

import dev.pgpipe.client.Identifier;
import dev.pgpipe.copy.BatchWriter;
import dev.pgpipe.copy.BatchWriterBuilder;
import dev.pgpipe.copy.SchemaMode;
import dev.pgpipe.copy.Table;
import dev.pgpipe.copy.Upsert;
import dev.pgpipe.dbn.DbnRecord;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Opens the writer of one market table for a load: creates the schema and table in BOOTSTRAP mode
 * (partitioned when asked), then chooses the path of its rows.
 *
 * <ul>
 *   <li><b>Straight in</b> (binary COPY into the table) when the source's key-time range holds no
 *       row of the table yet: only partitions in that range are looked at, through the key's index.
 *       Should another load write into the range meanwhile, the table's key refuses the batch
 *       ({@code unique_violation}) and the loader runs the source again staged; nothing is ever
 *       written twice.
 *   <li><b>Staged</b> (COPY into a temporary table, then {@code INSERT ... ON CONFLICT DO NOTHING})
 *       when the range overlaps rows already there, for a live session, and for a source the ledger
 *       saw partly loaded.
 * </ul>
 *
 * With a source plan each batch is recorded in the batch ledger under the source's writer id, in
 * the batch's own transaction, so a batch retried after a lost connection (even during COMMIT) is
 * never written twice. A source run again after a failure takes the staged path under another
 * writer id: the rows its first run committed are then skipped by the table's key.
 */
final class TableOpener {

  private static final Duration NO_INTERVAL = Duration.ofDays(1);

  private final DbnLoader loader;
  private boolean schemaReady;

  TableOpener(DbnLoader loader) {
    this.loader = loader;
  }

  <M extends DbnRecord> MarketRowWriter<M> open(MarketTable<M> market, @Nullable SourcePlan plan) {
    TablePrefix prefix = loader.prefix;
    Table<MarketRow<M>> table = market.in(prefix.schema(), prefix.prefix());
    PartitionedTable partitions = bootstrap(market, table);
    boolean staged = plan == null || plan.staged() || holdsRows(market, table, plan);
    BatchWriterBuilder<MarketRow<M>> builder =
        BatchWriter.builder(loader.db, table)
            .connections(loader.connections)
            .schemaMode(loader.mode)
            .maxRows(loader.batchRows)
            .flushInterval(plan == null ? loader.flushInterval : NO_INTERVAL)
            .maxPendingBytes(Math.max(64L << 20, (loader.connections + 2L) * (5L << 20)));
    if (staged) {
      builder.upsert(Upsert.ignoreConflicts(table.primaryKey().toArray(String[]::new)));
    }
    if (plan != null) {
      builder.ledger(LoadLedger.batchLedgerName(prefix), plan.writerId() + "/" + market.name());
    }
    BatchWriter<MarketRow<M>> writer = builder.open();
    if (loader.mode == SchemaMode.BOOTSTRAP) {
      loader.db.sql(market.decimalViewSql(prefix.schema(), prefix.prefix())).update();
    }
    return new MarketRowWriter<>(market, table, writer, partitions, staged);
  }

  private @Nullable PartitionedTable bootstrap(MarketTable<?> market, Table<?> table) {
    boolean bootstrap = loader.mode == SchemaMode.BOOTSTRAP;
    if (bootstrap && !schemaReady) {
      loader.db.sql("CREATE SCHEMA IF NOT EXISTS " + Identifier.quote(table.schema())).update();
      schemaReady = true;
    }
    if (loader.partitioning == Partitioning.NONE) {
      return null;
    }
    PartitionedTable partitioned =
        new PartitionedTable(loader.db, table, market.keyColumn(), loader.partitioning);
    if (bootstrap) {
      partitioned.createParent();
    }
    return partitioned;
  }

  /** Whether the table holds a row in the plan's key range (false when it does not exist yet). */
  private boolean holdsRows(MarketTable<?> market, Table<?> table, SourcePlan plan) {
    boolean exists =
        loader
            .db
            .sql("SELECT to_regclass(:name) IS NOT NULL")
            .bind("name", table.qualifiedName())
            .scalar(Boolean.class);
    if (!exists) {
      return false;
    }
    String key = Identifier.quote(market.keyColumn());
    return loader
        .db
        .sql(
            "SELECT EXISTS (SELECT 1 FROM "
                + table.qualifiedName()
                + " WHERE "
                + key
                + " >= :from AND "
                + key
                + " < :to)")
        .bind("from", plan.fromNs())
        .bind("to", plan.toNs())
        .scalar(Boolean.class);
  }
}
