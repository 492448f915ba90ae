package dev.pgpipe.cdc.pgoutput;

/**
 * Log sequence numbers as PostgreSQL prints them ({@code 16/B374D848}): the high and low 32 bits in
 * hexadecimal. LSNs are carried as unsigned {@code long}s everywhere in pgpipe; 0 means "none".
 */
public final class Lsn {

  private Lsn() {}

  /** {@code 16/B374D848} for 0x16B374D848. */
  public static String format(long lsn) {
    return Long.toHexString(lsn >>> 32).toUpperCase(java.util.Locale.ROOT)
        + "/"
        + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase(java.util.Locale.ROOT);
  }

  /** Parses {@code 16/B374D848}; throws {@link IllegalArgumentException} on anything else. */
  public static long parse(String text) {
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new IllegalArgumentException("not an LSN (expected like 16/B374D848): " + text);
    }
    try {
      long high = Long.parseLong(text.substring(0, slash), 16);
      long low = Long.parseLong(text.substring(slash + 1), 16);
      if (high > 0xFFFFFFFFL || low > 0xFFFFFFFFL) {
        throw new IllegalArgumentException("not an LSN (a part exceeds 32 bits): " + text);
      }
      return (high << 32) | low;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an LSN (expected like 16/B374D848): " + text, e);
    }
  }
}
