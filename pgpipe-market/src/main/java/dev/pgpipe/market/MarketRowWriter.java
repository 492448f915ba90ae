package dev.pgpipe.market;

import dev.pgpipe.client.RunningTransaction;
import dev.pgpipe.copy.BatchWriter;
import dev.pgpipe.copy.Table;
import dev.pgpipe.dbn.DbnRecord;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Writes the records of one market table: resolves symbol and underlying, numbers ties, and tracks
 * the range of key timestamps written. Not thread-safe (the loader's thread only).
 */
final class MarketRowWriter<M extends DbnRecord> implements AutoCloseable {

  private final MarketTable<M> market;
  private final Table<MarketRow<M>> table;
  private final BatchWriter<MarketRow<M>> writer;
  private final TieCounter ties = new TieCounter();
  private final @Nullable PartitionedTable partitions;
  private final boolean staged;
  private long records;
  private long lastTime = Long.MIN_VALUE;
  private long minTime = Long.MAX_VALUE;
  private long maxTime = Long.MIN_VALUE;

  MarketRowWriter(
      MarketTable<M> market,
      Table<MarketRow<M>> table,
      BatchWriter<MarketRow<M>> writer,
      @Nullable PartitionedTable partitions,
      boolean staged) {
    this.market = market;
    this.table = table;
    this.writer = writer;
    this.partitions = partitions;
    this.staged = staged;
  }

  /** Transforms the record (of this table's type) into a row and writes it. */
  void write(DbnRecord record, Lookups lookups) {
    M msg = market.recordType().cast(record);
    long time = market.keyTime().applyAsLong(msg);
    long instrument = msg.hd().instrumentId();
    int tie = ties.next(msg.hd().publisherId(), instrument, time);
    String symbol = lookups.symbol(instrument, time);
    if (partitions != null) {
      partitions.ensure(time);
    }
    writer.write(new MarketRow<>(msg, symbol, lookups.underlying(instrument), tie));
    records++;
    minTime = Math.min(minTime, time);
    maxTime = Math.max(maxTime, time);
    lastTime = time;
  }

  /** Whether rows go through staging ({@code ON CONFLICT DO NOTHING}) rather than straight in. */
  boolean staged() {
    return staged;
  }

  /** The key time of the last record written, {@link Long#MIN_VALUE} before any. */
  long lastTime() {
    return lastTime;
  }

  MarketTable<M> market() {
    return market;
  }

  Table<MarketRow<M>> table() {
    return table;
  }

  long records() {
    return records;
  }

  long minTime() {
    return minTime;
  }

  long maxTime() {
    return maxTime;
  }

  long outOfOrder() {
    return ties.outOfOrder();
  }

  /** Rows the writer committed so far. */
  long committed() {
    return writer.stats().rows();
  }

  /** Flushes and waits for every row written so far. */
  @Override
  public void close() {
    writer.close();
  }

  /** Closes like {@link #close()}, running {@code last} in the final batch's transaction. */
  void closeWith(Consumer<RunningTransaction> last) {
    writer.closeWith(last);
  }
}
