package dev.pgpipe.cli.demo;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The rows of {@code pgpipe demo}: made-up trades, the same on every run, as CSV for {@code COPY
 * pgpipe_demo FROM STDIN (FORMAT csv)}.
 */
final class DemoRows {

  static final String TABLE = "pgpipe_demo";
  static final String CREATE =
      "CREATE TABLE "
          + TABLE
          + " (id bigint PRIMARY KEY, symbol text NOT NULL, price numeric(12,2) NOT NULL,"
          + " quantity integer NOT NULL, traded_at timestamptz NOT NULL)";
  static final String COPY = "COPY " + TABLE + " FROM STDIN (FORMAT csv)";

  private static final String[] SYMBOLS = {"AAPL", "MSFT", "NVDA", "ESZ6", "CLF7", "EURUSD"};
  private static final Instant START = Instant.parse("2026-01-02T14:30:00Z");
  private static final int CHUNK_ROWS = 1_000;

  private DemoRows() {}

  /** Writes rows {@code 1..count} to {@code out}; returns the bytes written. */
  static long write(long count, OutputStream out) {
    StringBuilder chunk = new StringBuilder(CHUNK_ROWS * 64);
    long bytes = 0;
    for (long id = 1; id <= count; id++) {
      appendRow(id, chunk);
      if (id % CHUNK_ROWS == 0 || id == count) {
        byte[] encoded = chunk.toString().getBytes(StandardCharsets.UTF_8);
        writeAll(out, encoded);
        bytes += encoded.length;
        chunk.setLength(0);
      }
    }
    return bytes;
  }

  /** The row with this id, as the table holds it: {@code symbol,price,quantity}. */
  static String describe(long id) {
    StringBuilder row = new StringBuilder();
    appendRow(id, row);
    return row.toString();
  }

  private static void appendRow(long id, StringBuilder row) {
    long cents = 10_000 + (id * 7_919) % 90_000;
    row.append(id)
        .append(',')
        .append(SYMBOLS[(int) (id % SYMBOLS.length)])
        .append(',')
        .append(cents / 100)
        .append('.')
        .append(cents % 100 < 10 ? "0" : "")
        .append(cents % 100)
        .append(',')
        .append(quantity(id))
        .append(',')
        .append(START.plus(id, ChronoUnit.MILLIS))
        .append('\n');
  }

  /** The quantity of the row with this id: 1 to 1000. */
  static int quantity(long id) {
    return (int) ((id * 104_729) % 1_000) + 1;
  }

  private static void writeAll(OutputStream out, byte[] bytes) {
    try {
      out.write(bytes);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write demo rows", e);
    }
  }
}
