package dev.pgpipe.nats;

import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * What a failed publish means for an ordered publisher, read from the exception a publish future
 * failed with (causes walked: jnats wraps an error acknowledgement in a {@code RuntimeException}).
 * Pure: no I/O.
 *
 * <ul>
 *   <li>{@link Kind#WRONG_LAST_SEQUENCE}: JetStream error 10071, the stream's last sequence was not
 *       the one the message expected: a message before it is missing, or another writer wrote;
 *   <li>{@link Kind#TRANSIENT}: no answer (timeout, cancelled by the client's cleanup, no
 *       responders during a leader election, connection lost, the client's queue full), JetStream
 *       temporarily unavailable (10008), or the stream full under {@code DiscardNew} (10077:
 *       backpressure, wait until consumers make room);
 *   <li>{@link Kind#REJECTED}: anything else JetStream refused (a wrong stream, a subject it does
 *       not capture): waiting does not cure it.
 * </ul>
 */
record PublishFailure(Kind kind, Throwable cause, String description) {

  enum Kind {
    WRONG_LAST_SEQUENCE,
    TRANSIENT,
    REJECTED
  }

  static final int WRONG_LAST_SEQUENCE = 10071;
  static final int STREAM_STORE_FAILED = 10077;
  static final int API_UNAVAILABLE = 10008;

  static PublishFailure of(Throwable failure) {
    JetStreamApiException api = find(failure, JetStreamApiException.class);
    if (api != null) {
      String text =
          api.getErrorDescription()
              + " (error "
              + api.getErrorCode()
              + "/"
              + api.getApiErrorCode()
              + ")";
      if (api.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
        return new PublishFailure(Kind.WRONG_LAST_SEQUENCE, api, text);
      }
      boolean waitable =
          api.getErrorCode() == 503
              || api.getErrorCode() == 408
              || api.getApiErrorCode() == API_UNAVAILABLE
              || api.getApiErrorCode() == STREAM_STORE_FAILED;
      return new PublishFailure(waitable ? Kind.TRANSIENT : Kind.REJECTED, api, text);
    }
    Throwable root = failure;
    for (Throwable c = failure; c != null; c = c.getCause()) {
      root = c;
      if (c instanceof IOException
          || c instanceof TimeoutException
          || c instanceof CancellationException
          || c instanceof IllegalStateException) {
        return new PublishFailure(Kind.TRANSIENT, c, c.toString());
      }
    }
    return new PublishFailure(Kind.REJECTED, root, root.toString());
  }

  /**
   * Whether no JetStream server answered the publish (jnats' "503 No Responders"): the stream's
   * server is stopping, restarting or electing a leader, or no stream captures the subject, while
   * the connection itself may still be up.
   */
  boolean noResponders() {
    return cause instanceof IOException
        && String.valueOf(cause.getMessage()).contains("503 No Responders");
  }

  /** Whether JetStream said the stream is full (DiscardNew): the publisher waits for room. */
  boolean streamFull() {
    return cause instanceof JetStreamApiException api
        && api.getApiErrorCode() == STREAM_STORE_FAILED;
  }

  private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
    for (Throwable c = failure; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
