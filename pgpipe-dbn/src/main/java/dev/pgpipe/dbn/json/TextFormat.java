package dev.pgpipe.dbn.json;

import dev.pgpipe.dbn.Dbn;
import dev.pgpipe.dbn.Field;
import dev.pgpipe.dbn.FieldType;
import dev.pgpipe.dbn.Layout;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Number, timestamp and string formatting shared by the JSON and CSV writers. */
final class TextFormat {
  private TextFormat() {}

  /**
   * The fields written for a layout, in the {@code dbn} tool's order: {@code ts_recv} first when
   * the record has one (the header follows it), then the rest in wire order; reserved bytes left
   * out.
   */
  static List<Field> fieldsInOrder(Layout layout) {
    List<Field> out = new ArrayList<>();
    layout.field("ts_recv").ifPresent(out::add);
    for (Field field : layout.fields()) {
      if (field.type() != FieldType.RESERVED && !field.name().equals("ts_recv")) {
        out.add(field);
      }
    }
    return out;
  }

  /** A fixed-point price with 9 decimals, e.g. {@code -0.500000000}. */
  static void price(StringBuilder out, long price) {
    if (price < 0) {
      out.append('-');
    }
    long abs = Math.abs(price);
    if (price == Long.MIN_VALUE) {
      out.append("9223372036.854775808");
      return;
    }
    out.append(abs / Dbn.FIXED_PRICE_SCALE).append('.');
    padded(out, abs % Dbn.FIXED_PRICE_SCALE, 9);
  }

  /** ISO-8601 UTC with nanoseconds, e.g. {@code 2020-12-28T13:00:00.000429831Z}. */
  static void timestamp(StringBuilder out, long nanos) {
    long seconds = Long.divideUnsigned(nanos, 1_000_000_000L);
    long fraction = Long.remainderUnsigned(nanos, 1_000_000_000L);
    String text = Instant.ofEpochSecond(seconds).toString();
    out.append(text, 0, text.length() - 1).append('.');
    padded(out, fraction, 9);
    out.append('Z');
  }

  private static void padded(StringBuilder out, long value, int digits) {
    String text = Long.toString(value);
    for (int i = text.length(); i < digits; i++) {
      out.append('0');
    }
    out.append(text);
  }

  /** Appends a JSON string literal, escaping quotes, backslashes and control characters. */
  static void jsonString(StringBuilder out, CharSequence text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Appends a CSV field, quoted when it holds a comma, quote or line break. */
  static void csvString(StringBuilder out, CharSequence text) {
    boolean quote = false;
    for (int i = 0; i < text.length() && !quote; i++) {
      char c = text.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      out.append(text);
      return;
    }
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c == '"' ? "\"\"" : String.valueOf(c));
    }
    out.append('"');
  }

  /** The text of a non-NUL character, empty for NUL. */
  static String charText(long value) {
    return value == 0 ? "" : String.valueOf((char) value);
  }

  /** An integer field as plain decimal text (unsigned for u64 and timestamps). */
  static String integerText(FieldType type, long value) {
    return type == FieldType.U64 || type == FieldType.TIMESTAMP
        ? Long.toUnsignedString(value)
        : Long.toString(value);
  }
}
