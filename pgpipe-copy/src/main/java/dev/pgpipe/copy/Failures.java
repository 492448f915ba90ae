package dev.pgpipe.copy;

import dev.pgpipe.client.ConnectionUnavailableException;
import dev.pgpipe.client.PgException;
import dev.pgpipe.client.QueryCancelledException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sorts server failures: transient (retry), data (bisect or reject), and the row a COPY names. */
final class Failures {

  private static final Pattern LINE = Pattern.compile("COPY [^,]*, line (\\d+)");

  private Failures() {}

  static boolean isTimeout(PgException e) {
    return e instanceof QueryCancelledException;
  }

  static boolean isConnectionLoss(PgException e) {
    return e.isConnectionFailure() || e instanceof ConnectionUnavailableException;
  }

  /** Worth running the same transaction again. */
  static boolean isTransient(PgException e) {
    String state = e.sqlState();
    return isConnectionLoss(e)
        || isTimeout(e)
        || e.isRetryable()
        || (state != null && (state.startsWith("53") || state.startsWith("57P")));
  }

  /** A row's data is at fault: class 22 (data exception), 23 (constraint) or P0 (raised). */
  static boolean isDataError(PgException e) {
    String state = e.sqlState();
    return state != null
        && (state.startsWith("22") || state.startsWith("23") || state.startsWith("P0"));
  }

  /** The 0-based row the server's CONTEXT names ({@code COPY t, line 3}), or -1. */
  static long row(PgException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String where = t instanceof PgException p ? p.where() : null;
      Matcher line = where == null ? null : LINE.matcher(where);
      if (line != null && line.find()) {
        return Long.parseLong(line.group(1)) - 1;
      }
    }
    return -1;
  }
}
