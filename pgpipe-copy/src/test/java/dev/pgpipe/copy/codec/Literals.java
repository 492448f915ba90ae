package dev.pgpipe.copy.codec;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/** Java values as PostgreSQL literals, written independently of the codecs under test. */
final class Literals {

  private Literals() {}

  static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  static String typed(String text, String type) {
    return quote(text) + "::" + type;
  }

  static String bytea(byte[] bytes) {
    return typed("\\x" + HexFormat.of().formatHex(bytes), "bytea");
  }

  static String date(LocalDate date) {
    if (date.equals(LocalDate.MAX)) {
      return "infinity";
    }
    if (date.equals(LocalDate.MIN)) {
      return "-infinity";
    }
    int year = date.getYear();
    String era = year <= 0 ? " BC" : "";
    int shown = year <= 0 ? 1 - year : year;
    return String.format(
        "%04d-%02d-%02d%s", shown, date.getMonthValue(), date.getDayOfMonth(), era);
  }

  static String time(LocalTime time) {
    return String.format(
        "%02d:%02d:%02d.%06d",
        time.getHour(), time.getMinute(), time.getSecond(), time.getNano() / 1000);
  }

  static String timetz(OffsetTime time) {
    return time(time.toLocalTime()) + offset(time.getOffset());
  }

  static String offset(ZoneOffset offset) {
    int total = offset.getTotalSeconds();
    int abs = Math.abs(total);
    return String.format(
        "%s%02d:%02d:%02d", total < 0 ? "-" : "+", abs / 3600, abs / 60 % 60, abs % 60);
  }

  static String timestamp(LocalDateTime time) {
    if (time.equals(LocalDateTime.MAX)) {
      return "infinity";
    }
    if (time.equals(LocalDateTime.MIN)) {
      return "-infinity";
    }
    String date = date(time.toLocalDate());
    String era = date.endsWith(" BC") ? " BC" : "";
    return date.replace(" BC", "") + " " + time(time.toLocalTime()) + era;
  }

  static String timestamptz(Instant instant) {
    if (instant.equals(Instant.MAX)) {
      return "infinity";
    }
    if (instant.equals(Instant.MIN)) {
      return "-infinity";
    }
    String local = timestamp(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    return local.endsWith(" BC") ? local.replace(" BC", "+00 BC") : local + "+00";
  }

  static String interval(PgInterval interval) {
    long micros = interval.micros();
    long abs = Math.abs(micros);
    String clock =
        String.format(
            "%s%d:%02d:%02d.%06d",
            micros < 0 ? "-" : "",
            abs / 3_600_000_000L,
            abs / 60_000_000L % 60,
            abs / 1_000_000L % 60,
            abs % 1_000_000L);
    return interval.months() + " mons " + interval.days() + " days " + clock;
  }
}
