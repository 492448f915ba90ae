package dev.pgpipe.copy.codec;

import java.time.Duration;

/**
 * A PostgreSQL interval: months, days and microseconds are kept apart, as the server keeps them (a
 * month is not a fixed number of days, a day not always 24 hours).
 */
public record PgInterval(int months, int days, long micros) {

  /** An interval of a duration's whole microseconds, with no days or months. */
  public static PgInterval of(Duration duration) {
    long micros =
        Math.addExact(
            Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1000);
    return new PgInterval(0, 0, micros);
  }
}
