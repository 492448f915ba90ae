package dev.pgpipe.sink;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes change-event values as PostgreSQL text, the input every type accepts: the target column's
 * own input function (through COPY) then converts it to the column type read from the catalog, so a
 * value converts exactly when PostgreSQL itself would take it.
 *
 * <p>Java values are those of {@code dev.pgpipe.cdc.value.ValueKind}: ±infinity dates and times
 * come as MAX/MIN, years before 1 AD as year 0 and below (written with {@code BC}), arrays as
 * nested lists.
 */
final class ValueText {

  private ValueText() {}

  /** The value as PostgreSQL text; never called for null or {@code Unchanged}. */
  static String text(Object value) {
    return switch (value) {
      case String s -> s;
      case Boolean b -> b ? "t" : "f";
      case BigDecimal d -> d.toPlainString();
      case Number n -> n.toString();
      case byte[] bytes -> "\\x" + HexFormat.of().formatHex(bytes);
      case LocalDate d -> date(d);
      case LocalTime t -> t.equals(LocalTime.MAX) ? "24:00:00" : t.toString();
      case LocalDateTime t -> timestamp(t);
      case Instant i -> instant(i);
      case List<?> list -> array(list);
      default -> value.toString();
    };
  }

  private static String date(LocalDate d) {
    if (d.equals(LocalDate.MAX)) {
      return "infinity";
    } else if (d.equals(LocalDate.MIN)) {
      return "-infinity";
    }
    int year = d.getYear();
    String ymd =
        String.format(
            "%04d-%02d-%02d", year > 0 ? year : 1 - year, d.getMonthValue(), d.getDayOfMonth());
    return year > 0 ? ymd : ymd + " BC";
  }

  private static String timestamp(LocalDateTime t) {
    if (t.equals(LocalDateTime.MAX)) {
      return "infinity";
    } else if (t.equals(LocalDateTime.MIN)) {
      return "-infinity";
    }
    String day = date(t.toLocalDate());
    String time = t.toLocalTime().toString();
    return day.endsWith(" BC")
        ? day.substring(0, day.length() - 3) + " " + time + " BC"
        : day + " " + time;
  }

  private static String instant(Instant i) {
    if (i.equals(Instant.MAX)) {
      return "infinity";
    } else if (i.equals(Instant.MIN)) {
      return "-infinity";
    }
    String local = timestamp(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    return local.endsWith(" BC")
        ? local.substring(0, local.length() - 3) + "+00 BC"
        : local + "+00";
  }

  /** An array literal: {@code {"a",NULL,"b"}}, nested per dimension. */
  private static String array(List<?> list) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < list.size(); i++) {
      Object element = list.get(i);
      out.append(i == 0 ? "" : ",");
      if (element == null) {
        out.append("NULL");
      } else if (element instanceof List<?> inner) {
        out.append(array(inner));
      } else {
        String text = text(element);
        out.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      }
    }
    return out.append('}').toString();
  }
}
