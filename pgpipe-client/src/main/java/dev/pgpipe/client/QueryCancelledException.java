package dev.pgpipe.client;

import org.jspecify.annotations.Nullable;

/**
 * A statement was cancelled: by its timeout ({@link #timedOut()}) or by a {@code cancel()} from
 * another thread. The transaction it ran in, if any, is aborted.
 */
public final class QueryCancelledException extends PgException {

  private static final long serialVersionUID = 1L;

  private final boolean timedOut;

  QueryCancelledException(String message, ServerError server, @Nullable Throwable cause) {
    this(message, server, cause, false);
  }

  private QueryCancelledException(
      String message, ServerError server, @Nullable Throwable cause, boolean timedOut) {
    super(message, server, cause);
    this.timedOut = timedOut;
  }

  /** The same cancellation, marked as caused by the statement's timeout. */
  QueryCancelledException asTimeout(java.time.Duration timeout) {
    return new QueryCancelledException(
        "statement timed out after "
            + timeout.toMillis()
            + " ms; raise the timeout or speed the"
            + " statement up",
        server(),
        this,
        true);
  }

  /** True when the statement's own timeout fired, false for an explicit cancel. */
  public boolean timedOut() {
    return timedOut;
  }
}
