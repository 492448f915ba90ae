package dev.pgpipe.cdc.value;

/** Decimal digits at a place in a text, for the parsers of dates and times that skip formatters. */
public final class Digits {

  private Digits() {}

  /** The number the {@code count} digits at {@code from} write, or -1 if one is not a digit. */
  public static int number(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * The nanoseconds a fraction of a second of {@code count} digits (0 to 9) at {@code from} writes
   * ({@code 5} is 500,000,000), or -1 if one is not a digit.
   */
  public static int nanos(String text, int from, int count) {
    int nanos = number(text, from, count);
    for (int digits = count; nanos >= 0 && digits < 9; digits++) {
      nanos *= 10;
    }
    return nanos;
  }
}
