package dev.pgpipe.copy;

import dev.pgpipe.client.PgException;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The server refused a COPY: keeps its message, SQLSTATE and detail (from the {@link PgException}
 * cause) and, where the server named it, the 0-based row within what was sent.
 */
public final class CopyFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String table;
  private final long row;
  private final PgException failure;

  public CopyFailedException(String table, long row, PgException cause) {
    super(
        "COPY into "
            + table
            + " failed"
            + (row >= 0 ? " at row " + row : "")
            + ": "
            + cause.getMessage(),
        cause);
    this.table = table;
    this.row = row;
    this.failure = cause;
  }

  public String table() {
    return table;
  }

  /** The row the server named, 0-based within the COPY, if it named one. */
  public OptionalLong row() {
    return row >= 0 ? OptionalLong.of(row) : OptionalLong.empty();
  }

  /** The server's SQLSTATE, or null for a client-side failure. */
  public @Nullable String sqlState() {
    return failure.sqlState();
  }

  /** The server's failure, with SQLSTATE, detail and hint. */
  public PgException failure() {
    return failure;
  }
}
