package dev.pgpipe.dbn.hist;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The API's time texts as UNIX nanoseconds: nanoseconds, ISO dates, ISO date-times (UTC default).
 */
final class TimeText {

  private TimeText() {}

  /**
   * Parses {@code 1700000000000000000}, {@code 2024-01-15}, {@code 2024-01-15T09:30} or {@code
   * 2024-01-15T09:30:00.5-05:00}.
   *
   * @throws IllegalArgumentException naming the text when it is none of these
   */
  static long nanos(String text) {
    String t = text.strip();
    try {
      if (t.chars().allMatch(Character::isDigit)) {
        return Long.parseLong(t);
      }
      Instant instant;
      if (t.length() == 10) {
        instant = LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
      } else if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
        instant = OffsetDateTime.parse(t).toInstant();
      } else {
        instant = LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      }
      return Math.addExact(
          Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "not a time: '" + text + "' (give UNIX nanoseconds, 2024-01-15 or 2024-01-15T09:30Z)", e);
    }
  }
}
