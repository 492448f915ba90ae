package dev.pgpipe.dbn.live;

import org.jspecify.annotations.Nullable;

/**
 * A live session failed. Branch on {@link #code()}, not on the message. The message names the
 * gateway and says what to do; it never holds the API key (at most its last five characters).
 */
public final class LiveException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Code {
    /** The TCP connection could not be opened (refused, unreachable, 10 s connect timeout). */
    CONNECT_FAILED(true),
    /** The gateway rejected the API key or the session parameters. */
    AUTH_FAILED(false),
    /** The gateway did not finish the handshake within the authentication timeout (30 s). */
    AUTH_TIMEOUT(true),
    /** The gateway sent something that is not the live protocol. */
    PROTOCOL(false),
    /** No byte arrived for the heartbeat interval plus 5 s: the connection is dead. */
    HEARTBEAT_TIMEOUT(true),
    /** The connection broke (reset, or closed in the middle of a record or the handshake). */
    CONNECTION_LOST(true),
    /** The DBN stream cannot be decoded; the cause is the {@link dev.pgpipe.dbn.DbnException}. */
    DECODE(false);

    private final boolean retryable;

    Code(boolean retryable) {
      this.retryable = retryable;
    }

    /**
     * Whether reconnecting may help: true for network failures, false for refusals and bad data.
     */
    public boolean retryable() {
      return retryable;
    }
  }

  private final Code code;
  private final String gateway;

  /** Creates an exception; {@code message} says what happened and what to do. */
  public LiveException(Code code, String gateway, String message, @Nullable Throwable cause) {
    super(message + " [" + code + ", gateway " + gateway + "]", cause);
    this.code = code;
    this.gateway = gateway;
  }

  /** What went wrong. */
  public Code code() {
    return code;
  }

  /** The gateway's {@code host:port}. */
  public String gateway() {
    return gateway;
  }
}
