package dev.pgpipe.sink;

import org.jspecify.annotations.Nullable;

/** A sink that cannot go on: a target table or column it may not or cannot use, a lost ledger. */
public final class SinkException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SinkException(String message) {
    super(message);
  }

  public SinkException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
