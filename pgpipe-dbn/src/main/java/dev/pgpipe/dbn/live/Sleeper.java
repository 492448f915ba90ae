package dev.pgpipe.dbn.live;

import java.time.Duration;

/** Waits between reconnection attempts; tests inject one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  /** Waits for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;

  /** {@link Thread#sleep(Duration)}. */
  static Sleeper system() {
    return Thread::sleep;
  }
}
