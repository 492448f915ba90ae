package dev.pgpipe.client;

import java.time.Duration;

/**
 * Waits on the calling thread between attempts, injected beside a {@link Ticker} so that tests of
 * retry and backoff loops advance a fake clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

  /** The real one: {@link Thread#sleep(Duration)}. */
  Sleeper SYSTEM = Thread::sleep;

  /**
   * Returns after {@code duration}.
   *
   * @throws InterruptedException when the thread was interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
