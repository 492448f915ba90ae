package dev.pgpipe.market;

import dev.pgpipe.copy.BatchWriter;
import dev.pgpipe.copy.Table;
import dev.pgpipe.dbn.DbnRecord;

/**
 * Writes the records of one market table: resolves symbol and underlying, numbers ties, and tracks
 * the range of key timestamps written. Not thread-safe (the loader's thread only).
 */
final class MarketRowWriter<M extends DbnRecord> implements AutoCloseable {

  private final MarketTable<M> market;
  private final Table<MarketRow<M>> table;
  private final BatchWriter<MarketRow<M>> writer;
  private final TieCounter ties = new TieCounter();
  private long records;
  private long minTime = Long.MAX_VALUE;
  private long maxTime = Long.MIN_VALUE;

  MarketRowWriter(
      MarketTable<M> market, Table<MarketRow<M>> table, BatchWriter<MarketRow<M>> writer) {
    this.market = market;
    this.table = table;
    this.writer = writer;
  }

  /** Transforms the record (of this table's type) into a row and writes it. */
  void write(DbnRecord record, Lookups lookups) {
    M msg = market.recordType().cast(record);
    long time = market.keyTime().applyAsLong(msg);
    long instrument = msg.hd().instrumentId();
    int tie = ties.next(msg.hd().publisherId(), instrument, time);
    String symbol = lookups.symbol(instrument, time);
    writer.write(new MarketRow<>(msg, symbol, lookups.underlying(instrument), tie));
    records++;
    minTime = Math.min(minTime, time);
    maxTime = Math.max(maxTime, time);
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
}
