package dev.pgpipe.cdc.json;

import dev.pgpipe.cdc.value.Digits;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Instants as {@link Instant#toString()} writes them ({@code 2024-05-06T07:08:09.123456Z}: UTC, a
 * fraction of 0, 3, 6 or 9 digits), written and read without a {@code DateTimeFormatter} for the
 * years 0000 to 9999; outside them, and for any text not in that exact form, it defers to {@link
 * Instant#toString()} and {@link Instant#parse}, so results and errors are theirs. Pure.
 */
final class InstantText {

  private static final long SECONDS_PER_DAY = 86_400;
  private static final long FIRST = LocalDate.of(0, 1, 1).toEpochDay() * SECONDS_PER_DAY;
  private static final long END = LocalDate.of(10_000, 1, 1).toEpochDay() * SECONDS_PER_DAY;

  private InstantText() {}

  /** The same text as {@code instant.toString()}. */
  static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST || seconds >= END) {
      return instant.toString();
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
    int time = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    StringBuilder text = new StringBuilder(30);
    digits(text, date.getYear(), 4).append('-');
    digits(text, date.getMonthValue(), 2).append('-');
    digits(text, date.getDayOfMonth(), 2).append('T');
    digits(text, time / 3600, 2).append(':');
    digits(text, time / 60 % 60, 2).append(':');
    digits(text, time % 60, 2);
    int nanos = instant.getNano();
    if (nanos != 0) {
      text.append('.');
      if (nanos % 1_000_000 == 0) {
        digits(text, nanos / 1_000_000, 3);
      } else if (nanos % 1000 == 0) {
        digits(text, nanos / 1000, 6);
      } else {
        digits(text, nanos, 9);
      }
    }
    return text.append('Z').toString();
  }

  /** The instant {@link Instant#parse} reads from {@code text}. */
  static Instant parse(String text) {
    int length = text.length();
    if (length < 20 || length == 21 || length > 30 || !separators(text)) {
      return Instant.parse(text);
    }
    int year = Digits.number(text, 0, 4);
    int month = Digits.number(text, 5, 2);
    int day = Digits.number(text, 8, 2);
    int hour = Digits.number(text, 11, 2);
    int minute = Digits.number(text, 14, 2);
    int second = Digits.number(text, 17, 2);
    int nanos = length == 20 ? 0 : Digits.nanos(text, 20, length - 21);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > Month.of(month).length(Year.isLeap(year))
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || nanos < 0
        || (length > 20 && text.charAt(19) != '.')) {
      return Instant.parse(text);
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(
        epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
  }

  private static boolean separators(String text) {
    return text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == 'T'
        && text.charAt(13) == ':'
        && text.charAt(16) == ':'
        && text.charAt(text.length() - 1) == 'Z';
  }

  /** Appends {@code value} (0 or more, under 10^width) as exactly {@code width} digits. */
  private static StringBuilder digits(StringBuilder text, int value, int width) {
    int power = 1;
    for (int i = 1; i < width; i++) {
      power *= 10;
    }
    for (int rest = value; power > 0; power /= 10) {
      text.append((char) ('0' + rest / power));
      rest %= power;
    }
    return text;
  }
}
