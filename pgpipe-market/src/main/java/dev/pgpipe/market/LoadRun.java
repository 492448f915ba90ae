package dev.pgpipe.market;

import dev.pgpipe.copy.BatchWriter;
import dev.pgpipe.copy.SchemaMode;
import dev.pgpipe.copy.Table;
import dev.pgpipe.copy.Upsert;
import dev.pgpipe.dbn.DbnDecoder;
import dev.pgpipe.dbn.DbnException;
import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.DecodeOptions;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.dbn.SymbolMap;
import dev.pgpipe.dbn.WithTsOut;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** One {@link DbnLoader#load} call: its sinks, lookups and counts. Not thread-safe. */
final class LoadRun {

  private static final DecodeOptions DECODE = DecodeOptions.defaults().withUpgrade(true);

  private final DbnLoader loader;
  private final List<Path> files;
  private final Map<String, TableSink<?>> sinks = new LinkedHashMap<>();
  private final Lookups lookups = new Lookups();
  private final AtomicLong bytesRead = new AtomicLong();
  private final long bytesTotal;
  private final long start;
  private long nextReport;
  private long records;
  private long skipped;
  private boolean schemaReady;

  LoadRun(DbnLoader loader, List<Path> files) {
    this.loader = loader;
    this.files = List.copyOf(files);
    long total = 0;
    for (Path file : this.files) {
      total += size(file);
    }
    this.bytesTotal = total;
    this.start = loader.clock.getAsLong();
    this.nextReport = start + loader.progressInterval.toNanos();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  LoadReport run() {
    for (int i = 0; i < files.size(); i++) {
      try {
        loadFile(i);
      } catch (DbnException e) {
        closeAll();
        throw new LoadFailedException(files.get(i), e, report());
      } catch (RuntimeException e) {
        closeQuietly();
        throw e;
      }
    }
    closeAll();
    reportProgress(files.size() - 1);
    return report();
  }

  private void loadFile(int index) {
    Path file = files.get(index);
    try (DbnDecoder decoder = DbnDecoder.of(open(file), DECODE)) {
      Optional<Metadata> metadata = decoder.metadata();
      Schema schema = metadata.map(Metadata::schema).orElse(null);
      lookups.symbology(metadata.map(SymbolMap::of).orElseGet(SymbolMap::new));
      for (DbnRecord record = decoder.nextRecord(); record != null; ) {
        handle(record, schema);
        if ((++records & 1023) == 0 && loader.clock.getAsLong() >= nextReport) {
          reportProgress(index);
        }
        record = decoder.nextRecord();
      }
    }
  }

  private BufferedInputStream open(Path file) {
    try {
      return new BufferedInputStream(
          new CountingInputStream(Files.newInputStream(file), bytesRead), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  private void handle(DbnRecord record, @Nullable Schema schema) {
    DbnRecord msg = record instanceof WithTsOut stamped ? stamped.record() : record;
    lookups.observe(msg);
    Optional<MarketTable<?>> table = MarketTables.forRecord(msg, schema);
    if (table.isEmpty()) {
      skipped++;
      return;
    }
    TableSink<?> sink = sinks.get(table.get().name());
    if (sink == null) {
      sink = open(table.get());
      sinks.put(table.get().name(), sink);
    }
    sink.write(msg, lookups);
  }

  private <M extends DbnRecord> TableSink<M> open(MarketTable<M> market) {
    TablePrefix prefix = loader.prefix;
    Table<MarketRow<M>> table = market.in(prefix.schema(), prefix.prefix());
    if (loader.mode == SchemaMode.BOOTSTRAP && !schemaReady) {
      loader.db.sql("CREATE SCHEMA IF NOT EXISTS " + MarketTable.quote(prefix.schema())).update();
      schemaReady = true;
    }
    BatchWriter<MarketRow<M>> writer =
        BatchWriter.builder(loader.db, table)
            .connections(loader.connections)
            .schemaMode(loader.mode)
            .maxRows(loader.batchRows)
            .maxPendingBytes(Math.max(64L << 20, (loader.connections + 2L) * (5L << 20)))
            .upsert(Upsert.ignoreConflicts(table.primaryKey().toArray(String[]::new)))
            .open();
    if (loader.mode == SchemaMode.BOOTSTRAP) {
      loader.db.sql(market.decimalViewSql(prefix.schema(), prefix.prefix())).update();
    }
    return new TableSink<>(market, table, writer);
  }

  private void reportProgress(int index) {
    long now = loader.clock.getAsLong();
    nextReport = now + loader.progressInterval.toNanos();
    Duration elapsed = Duration.ofNanos(now - start);
    loader.progress.accept(
        new LoadProgress(
            files.get(Math.max(0, index)),
            index,
            files.size(),
            bytesRead.get(),
            bytesTotal,
            records,
            elapsed));
  }

  /** Closes every sink (each flushes and waits), then throws the first failure. */
  private void closeAll() {
    RuntimeException failure = null;
    for (TableSink<?> sink : sinks.values()) {
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

  private void closeQuietly() {
    try {
      closeAll();
    } catch (RuntimeException ignored) {
      // the first failure is the one the caller sees
    }
  }

  private LoadReport report() {
    List<TableReport> tables = new ArrayList<>();
    for (TableSink<?> sink : sinks.values()) {
      long inRange = countInRange(sink);
      String name = sink.table().schema() + "." + sink.table().name();
      tables.add(new TableReport(name, sink.records(), inRange, sink.outOfOrder()));
    }
    Duration elapsed = Duration.ofNanos(loader.clock.getAsLong() - start);
    return new LoadReport(tables, records, skipped, bytesRead.get(), elapsed);
  }

  private long countInRange(TableSink<?> sink) {
    String sql =
        "SELECT count(*) FROM "
            + sink.table().qualifiedName()
            + " WHERE "
            + MarketTable.quote(sink.market().keyColumn())
            + " BETWEEN :first AND :last";
    return loader
        .db
        .sql(sql)
        .bind("first", sink.minTime())
        .bind("last", sink.maxTime())
        .scalar(Long.class);
  }
}
