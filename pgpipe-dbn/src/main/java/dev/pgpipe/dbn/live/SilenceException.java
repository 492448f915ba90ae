package dev.pgpipe.dbn.live;

import java.io.IOException;
import java.time.Duration;

/** No byte arrived within the allowed silence; thrown by {@link WatchedInputStream}. */
final class SilenceException extends IOException {
  private static final long serialVersionUID = 1L;

  private final Duration limit;

  SilenceException(Duration limit, String waitingFor) {
    super("no byte from the gateway for more than " + limit + " while waiting for " + waitingFor);
    this.limit = limit;
  }

  Duration limit() {
    return limit;
  }
}
