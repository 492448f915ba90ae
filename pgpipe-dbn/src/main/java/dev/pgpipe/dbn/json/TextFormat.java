package dev.pgpipe.dbn.json;

import dev.pgpipe.dbn.Dbn;
import dev.pgpipe.dbn.FieldType;
import java.time.Instant;

/** Number, timestamp and string formatting shared by the JSON and CSV writers. */
final class TextFormat {
  private TextFormat() {}

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

  /**
   * Appends one {@code c_char} byte as Rust's {@code std::ascii::escape_default} writes it, which
   * is how the {@code dbn} tool writes a character: printable ASCII as itself except {@code \\},
   * {@code '} and {@code "} with a backslash; tab, CR and LF as {@code \\t \\r \\n}; any other byte
   * as {@code \\xNN} (lower-case hex).
   */
  static void escapedChar(StringBuilder out, int value) {
    int b = value & 0xFF;
    switch (b) {
      case '\t' -> out.append("\\t");
      case '\r' -> out.append("\\r");
      case '\n' -> out.append("\\n");
      case '\\', '\'', '"' -> out.append('\\').append((char) b);
      default -> {
        if (b >= 0x20 && b < 0x7F) {
          out.append((char) b);
        } else {
          out.append("\\x")
              .append(Character.forDigit(b >> 4, 16))
              .append(Character.forDigit(b & 15, 16));
        }
      }
    }
  }

  /** An integer field as plain decimal text (unsigned for u64 and timestamps). */
  static String integerText(FieldType type, long value) {
    return type == FieldType.U64 || type == FieldType.TIMESTAMP
        ? Long.toUnsignedString(value)
        : Long.toString(value);
  }
}
