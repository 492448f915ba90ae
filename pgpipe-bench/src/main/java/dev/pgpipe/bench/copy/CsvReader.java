package dev.pgpipe.bench.copy;

import java.io.Reader;
import java.time.Instant;

/**
 * Trades as CSV text, the way most Java code feeds pgjdbc's {@code CopyManager}: each line built
 * with a {@link StringBuilder}, timestamps through {@link Instant#toString()}. Lines are built a
 * chunk of rows at a time as the reader is drained, so the whole load never sits in memory as text.
 * Not thread-safe.
 */
final class CsvReader extends Reader {

  private static final int ROWS_PER_CHUNK = 4_096;

  private final Trade[] rows;
  private final StringBuilder chunk = new StringBuilder(ROWS_PER_CHUNK * 128);
  private int nextRow;
  private int position;

  CsvReader(Trade[] rows) {
    this.rows = rows; // read only; a copy would be timed with the load
  }

  /** Appends one CSV line for {@code trade}, newline included. */
  static void appendLine(StringBuilder out, Trade trade) {
    out.append(Instant.ofEpochSecond(0, trade.tsEvent()))
        .append(',')
        .append(Instant.ofEpochSecond(0, trade.tsRecv()))
        .append(',')
        .append(trade.instrumentId())
        .append(',')
        .append(trade.price())
        .append(',')
        .append(trade.size())
        .append(',')
        .append(trade.sequence())
        .append(',')
        .append(trade.flags())
        .append(',')
        .append(trade.depth())
        .append(',')
        .append(trade.action())
        .append(',')
        .append(trade.side())
        .append('\n');
  }

  @Override
  public int read(char[] target, int offset, int length) {
    if (position == chunk.length() && !refill()) {
      return -1;
    }
    int count = Math.min(length, chunk.length() - position);
    chunk.getChars(position, position + count, target, offset);
    position += count;
    return count;
  }

  private boolean refill() {
    if (nextRow == rows.length) {
      return false;
    }
    chunk.setLength(0);
    position = 0;
    int end = Math.min(rows.length, nextRow + ROWS_PER_CHUNK);
    for (; nextRow < end; nextRow++) {
      appendLine(chunk, rows[nextRow]);
    }
    return true;
  }

  @Override
  public void close() {
    nextRow = rows.length;
    chunk.setLength(0);
    position = 0;
  }
}
