package dev.pgpipe.market;

import java.time.Duration;
import java.util.List;

/**
 * What a load did. Immutable.
 *
 * @param tables per table, in the order first written
 * @param records records decoded, including those that go to no table
 * @param skipped records that go to no table (symbol mappings, system and error messages)
 * @param bytes bytes of the files read (as stored)
 * @param elapsed wall-clock time of the load
 * @param sourcesSkipped files (or fetched ranges) skipped because the load ledger holds them whole
 */
public record LoadReport(
    List<TableReport> tables,
    long records,
    long skipped,
    long bytes,
    Duration elapsed,
    int sourcesSkipped) {

  /** Copies the list. */
  public LoadReport {
    tables = List.copyOf(tables);
  }

  /** A report of a load that skipped no source. */
  public LoadReport(
      List<TableReport> tables, long records, long skipped, long bytes, Duration elapsed) {
    this(tables, records, skipped, bytes, elapsed, 0);
  }

  /** Records written to tables. */
  public long rows() {
    return tables.stream().mapToLong(TableReport::records).sum();
  }

  /** Records per second over the whole load. */
  public double recordsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : records / seconds;
  }
}
