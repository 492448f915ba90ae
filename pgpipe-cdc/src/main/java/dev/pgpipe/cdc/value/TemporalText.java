package dev.pgpipe.cdc.value;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;

/**
 * Dates and times in PostgreSQL's ISO output: {@code 2024-02-29}, {@code 0044-03-15 BC}, {@code
 * 12345-01-01}, {@code 13:14:15.123456}, {@code 24:00:00}, offsets {@code +05}, {@code +05:30},
 * {@code -00:25:21}, and {@code infinity} / {@code -infinity}.
 */
final class TemporalText {

  private TemporalText() {}

  static LocalDate date(String text) {
    return switch (text) {
      case "infinity" -> LocalDate.MAX;
      case "-infinity" -> LocalDate.MIN;
      default -> {
        boolean bc = text.endsWith(" BC");
        yield parseDate(bc ? text.substring(0, text.length() - 3) : text, bc);
      }
    };
  }

  private static LocalDate parseDate(String text, boolean bc) {
    int second = text.lastIndexOf('-');
    int first = text.lastIndexOf('-', second - 1);
    int year = Integer.parseInt(text.substring(0, first));
    int month = Integer.parseInt(text.substring(first + 1, second));
    int day = Integer.parseInt(text.substring(second + 1));
    return LocalDate.of(bc ? 1 - year : year, month, day);
  }

  /** {@code 24:00:00} (allowed by PostgreSQL) becomes {@link LocalTime#MAX}. */
  static LocalTime time(String text) {
    return text.startsWith("24:00:00") ? LocalTime.MAX : clock(text);
  }

  static OffsetTime timeTz(String text) {
    int sign = offsetStart(text);
    return OffsetTime.of(time(text.substring(0, sign)), offset(text.substring(sign)));
  }

  static LocalDateTime timestamp(String text) {
    return switch (text) {
      case "infinity" -> LocalDateTime.MAX;
      case "-infinity" -> LocalDateTime.MIN;
      default -> {
        boolean bc = text.endsWith(" BC");
        String body = bc ? text.substring(0, text.length() - 3) : text;
        int space = body.indexOf(' ');
        yield LocalDateTime.of(
            parseDate(body.substring(0, space), bc), clock(body.substring(space + 1)));
      }
    };
  }

  static Instant timestampTz(String text) {
    return switch (text) {
      case "infinity" -> Instant.MAX;
      case "-infinity" -> Instant.MIN;
      default -> {
        boolean bc = text.endsWith(" BC");
        String body = bc ? text.substring(0, text.length() - 3) : text;
        int space = body.indexOf(' ');
        String clock = body.substring(space + 1);
        int sign = offsetStart(clock);
        LocalDateTime local =
            LocalDateTime.of(
                parseDate(body.substring(0, space), bc), clock(clock.substring(0, sign)));
        yield local.toInstant(offset(clock.substring(sign)));
      }
    };
  }

  /**
   * {@code HH:MM:SS} with a fraction of up to nine digits, as PostgreSQL writes a time of day, read
   * without a {@code DateTimeFormatter}; any other text is left to {@link LocalTime#parse}, its
   * result and its errors.
   */
  static LocalTime clock(String text) {
    int length = text.length();
    if (length < 8
        || length == 9
        || length > 18
        || text.charAt(2) != ':'
        || text.charAt(5) != ':'
        || (length > 8 && text.charAt(8) != '.')) {
      return LocalTime.parse(text);
    }
    int hour = Digits.number(text, 0, 2);
    int minute = Digits.number(text, 3, 2);
    int second = Digits.number(text, 6, 2);
    int nanos = length == 8 ? 0 : Digits.nanos(text, 9, length - 9);
    if (hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || nanos < 0) {
      return LocalTime.parse(text);
    }
    return LocalTime.of(hour, minute, second, nanos);
  }

  private static int offsetStart(String clock) {
    int sign = Math.max(clock.lastIndexOf('+'), clock.lastIndexOf('-'));
    if (sign < 0) {
      throw new IllegalArgumentException("no UTC offset");
    }
    return sign;
  }

  /** {@code +05}, {@code +05:30}, {@code -00:25:21}. */
  private static ZoneOffset offset(String text) {
    int signum = text.charAt(0) == '-' ? -1 : 1;
    String[] parts = text.substring(1).split(":");
    int hours = Integer.parseInt(parts[0]);
    int minutes = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    int seconds = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
    return ZoneOffset.ofHoursMinutesSeconds(signum * hours, signum * minutes, signum * seconds);
  }
}
