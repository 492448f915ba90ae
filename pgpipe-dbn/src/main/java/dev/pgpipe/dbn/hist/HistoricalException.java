package dev.pgpipe.dbn.hist;

import org.jspecify.annotations.Nullable;

/**
 * The Historical API refused a request (HTTP status 400 and above) or could not be reached. The
 * message says what the server said: the {@code detail} of its JSON body (a simple text, or a
 * structured one's {@code message} with its {@code case} and documentation link), or the raw body
 * shortened when it is not JSON; plus the {@code request-id} to quote to support. The API key never
 * appears in it.
 */
public final class HistoricalException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final @Nullable String requestId;
  private final @Nullable String reason;

  HistoricalException(
      String message, int status, @Nullable String requestId, @Nullable String reason) {
    super(message);
    this.status = status;
    this.requestId = requestId;
    this.reason = reason;
  }

  HistoricalException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
    this.requestId = null;
    this.reason = null;
  }

  /** The HTTP status; 0 when no answer came. */
  public int status() {
    return status;
  }

  /** The server's {@code request-id} header, when it sent one. */
  public @Nullable String requestId() {
    return requestId;
  }

  /** The {@code case} of a structured detail (e.g. {@code data_start_before_available_start}). */
  public @Nullable String reason() {
    return reason;
  }
}
