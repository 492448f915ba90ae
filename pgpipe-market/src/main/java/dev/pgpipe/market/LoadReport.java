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
 */
public record LoadReport(
    List<TableReport> tables, long records, long skipped, long bytes, Duration elapsed) {

  /** Copies the list. */
  public LoadReport {
    tables = List.copyOf(tables);
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
