package dev.pgpipe.nats;

import org.jspecify.annotations.Nullable;

/**
 * A NATS or JetStream problem that pgpipe cannot recover from by waiting: a stream whose settings
 * differ from the configured ones, a message rejected by the server, a connection that cannot be
 * made or was closed for good. The message says what, where and what to do; it never holds
 * credentials.
 */
public final class NatsTransportException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NatsTransportException(String message) {
    super(message);
  }

  public NatsTransportException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
