package dev.pgpipe.copy;

/**
 * A row refused on the client because a value does not fit its column: names the table, column, row
 * (0-based, counted by the writer), what the column expects and what was given. Nothing of the row
 * was sent.
 */
public final class EncodingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String table;
  private final String column;
  private final long row;
  private final String expected;
  private final String actual;

  public EncodingException(String table, String column, long row, String expected, String actual) {
    super(
        "row "
            + row
            + " of "
            + table
            + ", column "
            + column
            + ": expected "
            + expected
            + ", got "
            + actual);
    this.table = table;
    this.column = column;
    this.row = row;
    this.expected = expected;
    this.actual = actual;
  }

  public String table() {
    return table;
  }

  public String column() {
    return column;
  }

  /** The row's 0-based position in what the writer was given. */
  public long row() {
    return row;
  }

  public String expected() {
    return expected;
  }

  public String actual() {
    return actual;
  }
}
