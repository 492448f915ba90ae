package dev.pgpipe.client;

/**
 * No connection could be had: the pool stayed exhausted until the acquisition deadline, or the
 * server could not be reached or refused the login. The message says which and what to do.
 */
public final class ConnectionUnavailableException extends PgException {

  private static final long serialVersionUID = 1L;

  ConnectionUnavailableException(String message, PgException cause) {
    super(message, cause.server(), cause);
  }

  ConnectionUnavailableException(String message) {
    super(message, null);
  }
}
