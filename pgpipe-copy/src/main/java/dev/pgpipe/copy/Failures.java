package dev.pgpipe.copy;

import dev.pgpipe.client.ConnectionUnavailableException;
import dev.pgpipe.client.PgException;
import dev.pgpipe.client.QueryCancelledException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a server failure means to a COPY: a timeout or a lost connection (how it is reported), a
 * data error (bisect or reject), and the row a COPY names. Whether it is retried is {@link
 * PgException#isTransient()}'s decision, not this class's.
 */
final class Failures {

  private static final Pattern LINE = Pattern.compile("COPY [^,]*, line (\\d+)");

  private Failures() {}

  static boolean isTimeout(PgException e) {
    return e instanceof QueryCancelledException;
  }

  static boolean isConnectionLoss(PgException e) {
    return e.isConnectionFailure() || e instanceof ConnectionUnavailableException;
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
