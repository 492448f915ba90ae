package dev.pgpipe.market;

import dev.pgpipe.client.RunningTransaction;
import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.dbn.SymbolMap;
import dev.pgpipe.dbn.WithTsOut;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The table sinks of one load (file or live), each opened when its first record comes, and the
 * lookups they share. Not thread-safe: the loading thread only.
 */
final class MarketRowWriters {

  private final DbnLoader loader;
  private final Map<String, MarketRowWriter<?>> sinks = new LinkedHashMap<>();
  private final Lookups lookups = new Lookups();
  private final TableOpener opener;
  private final @Nullable SourcePlan plan;

  /** Writers for a live session: every table staged, batches not in the batch ledger. */
  MarketRowWriters(DbnLoader loader) {
    this(loader, null);
  }

  /** Writers for one source (a file or fetched range) loaded under {@code plan}. */
  MarketRowWriters(DbnLoader loader, @Nullable SourcePlan plan) {
    this.loader = loader;
    this.opener = new TableOpener(loader);
    this.plan = plan;
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
      sink = opener.open(table.get(), plan);
      sinks.put(table.get().name(), sink);
    }
    sink.write(msg, lookups);
    return true;
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
    RuntimeException failure = closeEach(List.copyOf(sinks.values()));
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Closes every sink like {@link #closeAll()}, running {@code last} in the transaction of the last
   * sink's final batch, after every other batch of every sink committed: what it writes commits
   * with the load's last rows (see {@link dev.pgpipe.copy.BatchWriter#closeWith}). Without any sink
   * it runs in a transaction of its own; after a failure it does not run.
   */
  void closeAllWith(Consumer<RunningTransaction> last) {
    List<MarketRowWriter<?>> all = List.copyOf(sinks.values());
    if (all.isEmpty()) {
      loader.db.useTransaction(last);
      return;
    }
    MarketRowWriter<?> lastSink = all.get(all.size() - 1);
    RuntimeException failure = closeEach(all.subList(0, all.size() - 1));
    if (failure != null) {
      closeEach(List.of(lastSink));
      throw failure;
    }
    lastSink.closeWith(last);
  }

  /** Closes each sink; the first failure, or null. */
  private static @Nullable RuntimeException closeEach(List<MarketRowWriter<?>> writers) {
    RuntimeException failure = null;
    for (MarketRowWriter<?> sink : writers) {
      try {
        sink.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
    return failure;
  }

  /** Closes every sink, ignoring failures: for when another failure is on its way already. */
  void closeQuietly() {
    try {
      closeAll();
    } catch (RuntimeException ignored) {
      // the first failure is the one the caller sees
    }
  }

  /** Whether any table of this source takes the staged path. */
  boolean anyStaged() {
    return sinks.values().stream().anyMatch(MarketRowWriter::staged);
  }

  /** The least and greatest key time written, all tables; {0, 0} before any record. */
  long[] keyRange() {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (MarketRowWriter<?> sink : sinks.values()) {
      min = Math.min(min, sink.minTime());
      max = Math.max(max, sink.maxTime());
    }
    return min > max ? new long[] {0, 0} : new long[] {min, max};
  }

  /** The key time of the last record written to any table, {@link Long#MIN_VALUE} before any. */
  long lastTime() {
    long last = Long.MIN_VALUE;
    for (MarketRowWriter<?> sink : sinks.values()) {
      last = Math.max(last, sink.lastTime());
    }
    return last;
  }

  /** What each table received, in the order first written; counts the rows in range. */
  List<TableReport> reports() {
    TableTotals totals = new TableTotals();
    addTo(totals);
    return totals.reports(loader.db);
  }

  /** Adds what each table received to {@code totals}. */
  void addTo(TableTotals totals) {
    sinks.values().forEach(totals::add);
  }
}
