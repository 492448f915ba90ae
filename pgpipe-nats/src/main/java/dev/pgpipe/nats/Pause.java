package dev.pgpipe.nats;

import java.time.Duration;

/**
 * Waits between retries. Injected so that tests of retry loops need not sleep; {@link #SLEEP} is
 * the real one.
 */
@FunctionalInterface
public interface Pause {

  /** Sleeps on the calling thread. */
  Pause SLEEP = Thread::sleep;

  void pause(Duration duration) throws InterruptedException;
}
