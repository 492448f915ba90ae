package dev.pgpipe.copy.codec;

/**
 * A value that does not fit its column type, refused on the client before any of it was sent:
 * {@link #expected()} says what the column takes, {@link #actual()} what was given. Writers wrap it
 * with the table, column and row it belongs to.
 */
public final class ValueRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String expected;
  private final String actual;

  public ValueRejectedException(String expected, String actual) {
    super("expected " + expected + ", got " + actual);
    this.expected = expected;
    this.actual = actual;
  }

  /** What the column takes, for example {@code int8 (Long)} or {@code at most 20 characters}. */
  public String expected() {
    return expected;
  }

  /** What was given, for example {@code Integer} or {@code 25 characters}. */
  public String actual() {
    return actual;
  }
}
