package dev.pgpipe.bench.copy;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The benchmark's rows and table: deterministic trades (row {@code i} is always the same), the DDL
 * with or without a primary key, and a checksum computed the same way on the client and in SQL.
 *
 * <p>The checksum is the sum over rows, modulo 2<sup>64</sup>, of a weighted sum of every column
 * (timestamps as microseconds since 1970, chars as their code) multiplied by {@code sequence % 97 +
 * 1}, so a lost, duplicated or garbled row, or values moved between columns or rows, change it.
 */
final class Trades {

  static final String TABLE = "bench_copy_trades";

  static final String COLUMNS =
      "ts_event, ts_recv, instrument_id, price, size, sequence, flags, depth, action, side";

  /** 2023-11-14T22:13:20Z in nanoseconds. */
  private static final long BASE_NANOS = 1_700_000_000_000_000_000L;

  private static final String ACTIONS = "TTTF";
  private static final String SIDES = "ABN";
  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

  private Trades() {}

  /** Row {@code i} (from 0): unique {@code sequence = i + 1}, 1,024 instruments, µs timestamps. */
  static Trade trade(long i) {
    long mix = splitMix64(i);
    long tsEvent = BASE_NANOS + i * 1_000L;
    return new Trade(
        tsEvent,
        tsEvent + ((mix & 0xFFFF) + 1) * 1_000L,
        1 + ((mix >>> 16) & 1023),
        1_000_000_000L + ((mix >>> 26) & 0xF_FFFF) * 10_000L,
        1 + ((mix >>> 46) & 0x3FF),
        i + 1,
        (int) ((mix >>> 56) & 0xFF),
        (int) ((mix >>> 4) & 0xF),
        ACTIONS.charAt((int) ((mix >>> 8) & 3)),
        SIDES.charAt((int) Long.remainderUnsigned(mix >>> 10, 3)));
  }

  /** Rows 0 to {@code count - 1}. */
  static Trade[] generate(int count) {
    Trade[] rows = new Trade[count];
    for (int i = 0; i < count; i++) {
      rows[i] = trade(i);
    }
    return rows;
  }

  /**
   * {@code CREATE TABLE} for the trades, with the primary key (instrument_id, sequence) or none.
   */
  static String createSql(boolean primaryKey) {
    return "CREATE TABLE "
        + TABLE
        + " (ts_event timestamptz NOT NULL, ts_recv timestamptz NOT NULL,"
        + " instrument_id int8 NOT NULL, price int8 NOT NULL, size int8 NOT NULL,"
        + " sequence int8 NOT NULL, flags int4 NOT NULL, depth int4 NOT NULL,"
        + " action char(1) NOT NULL, side char(1) NOT NULL"
        + (primaryKey ? ", PRIMARY KEY (instrument_id, sequence))" : ")");
  }

  /** The checksum of the rows as an unsigned 64-bit value. */
  static BigDecimal checksum(Trade[] rows) {
    long sum = 0;
    for (Trade row : rows) {
      sum += rowValue(row);
    }
    return new BigDecimal(new BigInteger(Long.toUnsignedString(sum)));
  }

  private static long rowValue(Trade t) {
    long value =
        t.tsEvent() / 1_000L
            + 3 * (t.tsRecv() / 1_000L)
            + 5 * t.instrumentId()
            + 7 * t.price()
            + 11 * t.size()
            + 13 * t.sequence()
            + 17L * t.flags()
            + 19L * t.depth()
            + 23L * t.action()
            + 29L * t.side();
    return value * (t.sequence() % 97 + 1);
  }

  /** One row: {@code n} (int8) and {@code checksum} (text), the same checksum over the table. */
  static String checksumSql() {
    return "SELECT count(*) AS n, mod(coalesce(sum(("
        + "extract(epoch FROM ts_event) * 1000000 + 3 * (extract(epoch FROM ts_recv) * 1000000)"
        + " + 5 * instrument_id + 7 * price + 11 * size + 13 * sequence + 17 * flags"
        + " + 19 * depth + 23 * ascii(action) + 29 * ascii(side))::numeric"
        + " * (sequence % 97 + 1)), 0), "
        + TWO_TO_64
        + ")::text AS checksum FROM "
        + TABLE;
  }

  private static long splitMix64(long i) {
    long z = i * 0x9E3779B97F4A7C15L + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
