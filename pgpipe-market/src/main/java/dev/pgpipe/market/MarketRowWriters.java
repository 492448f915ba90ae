package dev.pgpipe.market;

import dev.pgpipe.client.Identifier;
import dev.pgpipe.copy.BatchWriter;
import dev.pgpipe.copy.SchemaMode;
import dev.pgpipe.copy.Table;
import dev.pgpipe.copy.Upsert;
import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.dbn.SymbolMap;
import dev.pgpipe.dbn.WithTsOut;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The table sinks of one load (file or live), each opened when its first record comes, and the
 * lookups they share. Not thread-safe: the loading thread only.
 */
final class MarketRowWriters {

  private final DbnLoader loader;
  private final Map<String, MarketRowWriter<?>> sinks = new LinkedHashMap<>();
  private final Lookups lookups = new Lookups();
  private boolean schemaReady;

  MarketRowWriters(DbnLoader loader) {
    this.loader = loader;
  }

  /** Starts a file or a live session: its metadata's symbology replaces the previous one. */
  void symbology(SymbolMap symbols) {
    lookups.symbology(symbols);
  }

  /**
   * Learns from the record (symbol mappings, definitions) and writes it to its table.
   *
   * @param schema the schema of the file or session; null for a mixed stream
   * @return false when the record goes to no table
   */
  boolean write(DbnRecord record, @Nullable Schema schema) {
    DbnRecord msg = record instanceof WithTsOut stamped ? stamped.record() : record;
    lookups.observe(msg);
    Optional<MarketTable<?>> table = MarketTables.forRecord(msg, schema);
    if (table.isEmpty()) {
      return false;
    }
    MarketRowWriter<?> sink = sinks.get(table.get().name());
    if (sink == null) {
      sink = open(table.get());
      sinks.put(table.get().name(), sink);
    }
    sink.write(msg, lookups);
    return true;
  }

  private <M extends DbnRecord> MarketRowWriter<M> open(MarketTable<M> market) {
    TablePrefix prefix = loader.prefix;
    Table<MarketRow<M>> table = market.in(prefix.schema(), prefix.prefix());
    if (loader.mode == SchemaMode.BOOTSTRAP && !schemaReady) {
      loader.db.sql("CREATE SCHEMA IF NOT EXISTS " + Identifier.quote(prefix.schema())).update();
      schemaReady = true;
    }
    BatchWriter<MarketRow<M>> writer =
        BatchWriter.builder(loader.db, table)
            .connections(loader.connections)
            .schemaMode(loader.mode)
            .maxRows(loader.batchRows)
            .flushInterval(loader.flushInterval)
            .maxPendingBytes(Math.max(64L << 20, (loader.connections + 2L) * (5L << 20)))
            .upsert(Upsert.ignoreConflicts(table.primaryKey().toArray(String[]::new)))
            .open();
    if (loader.mode == SchemaMode.BOOTSTRAP) {
      loader.db.sql(market.decimalViewSql(prefix.schema(), prefix.prefix())).update();
    }
    return new MarketRowWriter<>(market, table, writer);
  }

  /** Rows committed so far, all tables. */
  long committed() {
    long rows = 0;
    for (MarketRowWriter<?> sink : sinks.values()) {
      rows += sink.committed();
    }
    return rows;
  }

  /** Closes every sink (each flushes and waits), then throws the first failure. */
  void closeAll() {
    RuntimeException failure = null;
    for (MarketRowWriter<?> sink : sinks.values()) {
      try {
        sink.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Closes every sink, ignoring failures: for when another failure is on its way already. */
  void closeQuietly() {
    try {
      closeAll();
    } catch (RuntimeException ignored) {
      // the first failure is the one the caller sees
    }
  }

  /** What each table received, in the order first written; counts the rows in range. */
  List<TableReport> reports() {
    List<TableReport> tables = new ArrayList<>();
    for (MarketRowWriter<?> sink : sinks.values()) {
      long inRange = countInRange(sink);
      String name = sink.table().schema() + "." + sink.table().name();
      tables.add(new TableReport(name, sink.records(), inRange, sink.outOfOrder()));
    }
    return tables;
  }

  private long countInRange(MarketRowWriter<?> sink) {
    if (sink.records() == 0) {
      return 0;
    }
    String sql =
        "SELECT count(*) FROM "
            + sink.table().qualifiedName()
            + " WHERE "
            + Identifier.quote(sink.market().keyColumn())
            + " BETWEEN :first AND :last";
    return loader
        .db
        .sql(sql)
        .bind("first", sink.minTime())
        .bind("last", sink.maxTime())
        .scalar(Long.class);
  }
}
