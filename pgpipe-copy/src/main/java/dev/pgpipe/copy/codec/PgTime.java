package dev.pgpipe.copy.codec;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Conversions between Java time values and PostgreSQL's wire counts: microseconds (timestamp,
 * timestamptz) and days (date) since 2000-01-01, with {@code infinity} as the largest and {@code
 * -infinity} as the smallest value. {@link Instant#MAX} / {@link Instant#MIN}, {@link
 * LocalDateTime#MAX} / {@link LocalDateTime#MIN} and {@link LocalDate#MAX} / {@link LocalDate#MIN}
 * stand for them in Java. Sub-microsecond digits are dropped (rounded toward the past). Values
 * outside PostgreSQL's range (4713 BC to 294276 AD) are refused. Allocation-free for the primitive
 * forms. Thread-safe.
 */
public final class PgTime {

  /** Seconds from 1970-01-01 to 2000-01-01. */
  public static final long EPOCH_2000_SECONDS = 946_684_800L;

  /** Days from 1970-01-01 to 2000-01-01. */
  public static final int EPOCH_2000_DAYS = 10_957;

  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long MIN_MICROS = -211_813_488_000_000_000L; // 4714-11-24 00:00 BC
  private static final long END_MICROS = 9_223_371_331_200_000_000L; // 294277-01-01 00:00
  private static final int MIN_DAYS = -2_451_545; // 4714-11-24 BC
  private static final int END_DAYS = 2_145_031_949; // 5874898-01-01

  private PgTime() {}

  /** Nanoseconds since 1970 (UTC) to timestamptz microseconds; never out of range. */
  public static long fromEpochNanos(long epochNanos) {
    return Math.floorDiv(epochNanos, 1000L) - EPOCH_2000_SECONDS * MICROS_PER_SECOND;
  }

  /** timestamptz microseconds to nanoseconds since 1970; refuses what a long cannot hold. */
  public static long toEpochNanos(long pgMicros) {
    return Math.multiplyExact(pgMicros + EPOCH_2000_SECONDS * MICROS_PER_SECOND, 1000L);
  }

  /** An instant as timestamptz microseconds. */
  public static long fromInstant(Instant instant) {
    if (instant.equals(Instant.MAX)) {
      return Long.MAX_VALUE;
    }
    if (instant.equals(Instant.MIN)) {
      return Long.MIN_VALUE;
    }
    return checked(micros(instant.getEpochSecond(), instant.getNano()), instant);
  }

  /** Wall-clock time as timestamp microseconds. */
  public static long fromLocalDateTime(LocalDateTime time) {
    if (time.equals(LocalDateTime.MAX)) {
      return Long.MAX_VALUE;
    }
    if (time.equals(LocalDateTime.MIN)) {
      return Long.MIN_VALUE;
    }
    return checked(micros(time.toEpochSecond(ZoneOffset.UTC), time.getNano()), time);
  }

  private static long micros(long epochSecond, int nano) {
    long seconds = epochSecond - EPOCH_2000_SECONDS;
    if (seconds > Long.MAX_VALUE / MICROS_PER_SECOND - 1
        || seconds < Long.MIN_VALUE / MICROS_PER_SECOND + 1) {
      return Long.MIN_VALUE + 1; // out of range either way; checked() refuses it
    }
    return seconds * MICROS_PER_SECOND + nano / 1000;
  }

  private static long checked(long micros, Object value) {
    if (micros < MIN_MICROS || micros >= END_MICROS) {
      throw new ValueRejectedException(
          "a timestamp between 4713 BC and 294276 AD (or infinity)", value.toString());
    }
    return micros;
  }

  /** timestamptz microseconds as an instant. */
  public static Instant toInstant(long micros) {
    if (micros == Long.MAX_VALUE) {
      return Instant.MAX;
    }
    if (micros == Long.MIN_VALUE) {
      return Instant.MIN;
    }
    long seconds = Math.floorDiv(micros, MICROS_PER_SECOND) + EPOCH_2000_SECONDS;
    return Instant.ofEpochSecond(seconds, Math.floorMod(micros, MICROS_PER_SECOND) * 1000L);
  }

  /** timestamp microseconds as wall-clock time. */
  public static LocalDateTime toLocalDateTime(long micros) {
    if (micros == Long.MAX_VALUE) {
      return LocalDateTime.MAX;
    }
    if (micros == Long.MIN_VALUE) {
      return LocalDateTime.MIN;
    }
    return LocalDateTime.ofInstant(toInstant(micros), ZoneOffset.UTC);
  }

  /** A date as days since 2000-01-01. */
  public static int fromLocalDate(LocalDate date) {
    if (date.equals(LocalDate.MAX)) {
      return Integer.MAX_VALUE;
    }
    if (date.equals(LocalDate.MIN)) {
      return Integer.MIN_VALUE;
    }
    long days = date.toEpochDay() - EPOCH_2000_DAYS;
    if (days < MIN_DAYS || days >= END_DAYS) {
      throw new ValueRejectedException(
          "a date between 4713 BC and 5874897 AD (or infinity)", date.toString());
    }
    return (int) days;
  }

  /** Days since 2000-01-01 as a date. */
  public static LocalDate toLocalDate(int days) {
    if (days == Integer.MAX_VALUE) {
      return LocalDate.MAX;
    }
    if (days == Integer.MIN_VALUE) {
      return LocalDate.MIN;
    }
    return LocalDate.ofEpochDay((long) days + EPOCH_2000_DAYS);
  }
}
