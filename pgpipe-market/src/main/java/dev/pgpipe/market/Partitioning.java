package dev.pgpipe.market;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Whether the market tables are native range partitions on their key timestamp ({@code ts_recv_ns},
 * or {@code ts_event_ns} for bars), and how wide each partition is: a UTC day or a UTC month.
 * Partitions are created as the first row that belongs in each arrives, named {@code
 * <table>_pYYYYMMDD} or {@code <table>_pYYYYMM}.
 */
public enum Partitioning {
  /** Plain tables (the default). */
  NONE,
  /** One partition per UTC day. */
  DAY,
  /** One partition per UTC month. */
  MONTH;

  private static final long NANOS_PER_DAY = 86_400_000_000_000L;

  /** Parses {@code none}, {@code day} or {@code month}. */
  public static Partitioning parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("partitioning must be day, month or none: " + text, e);
    }
  }

  /** The partition holding key time {@code ns}: its bounds [from, to) in ns and its name suffix. */
  Bounds boundsOf(long ns) {
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(ns, NANOS_PER_DAY));
    return switch (this) {
      case DAY -> bounds(day, day.plusDays(1), "yyyyMMdd");
      case MONTH -> bounds(day.withDayOfMonth(1), day.withDayOfMonth(1).plusMonths(1), "yyyyMM");
      case NONE -> throw new IllegalStateException("not partitioned");
    };
  }

  private static Bounds bounds(LocalDate from, LocalDate to, String pattern) {
    return new Bounds(
        nanos(from), nanos(to), "_p" + from.format(DateTimeFormatter.ofPattern(pattern)));
  }

  private static long nanos(LocalDate date) {
    return Math.multiplyExact(date.atStartOfDay().toEpochSecond(ZoneOffset.UTC), 1_000_000_000L);
  }

  /** A partition's key range [fromNs, toNs) and name suffix. */
  record Bounds(long fromNs, long toNs, String suffix) {
    boolean contains(long ns) {
      return ns >= fromNs && ns < toNs;
    }
  }
}
