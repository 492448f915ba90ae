package dev.pgpipe.client;

import java.time.Duration;

/**
 * One series of attempts under a {@link Backoff}: counts the failed attempts, measures the time
 * since the series began on a {@link Ticker}, says whether the backoff allows another attempt, and
 * waits the backoff's delay through a {@link Sleeper}. Not thread-safe: one series belongs to one
 * loop.
 *
 * <pre>{@code
 * Attempts attempts = backoff.start(ticker);
 * while (true) {
 *   try {
 *     return work();
 *   } catch (PgException e) {
 *     if (!e.isTransient() || !attempts.failed()) {
 *       throw e;
 *     }
 *     attempts.pause(sleeper);
 *   }
 * }
 * }</pre>
 */
public final class Attempts {

  private final Backoff backoff;
  private final Ticker ticker;
  private long startNanos;
  private int failures;
  private Duration nextDelay = Duration.ZERO;

  Attempts(Backoff backoff, Ticker ticker) {
    this.backoff = backoff;
    this.ticker = ticker;
    this.startNanos = ticker.nanoTime();
  }

  /**
   * Records a failed attempt; returns whether another may be made: fewer than {@link
   * Backoff#maxAttempts()} were made and {@link Backoff#maxElapsed()} has not passed.
   */
  public boolean failed() {
    if (failures < Integer.MAX_VALUE) {
      failures++;
    }
    nextDelay = backoff.delayAfter(failures);
    return failures < backoff.maxAttempts() && !pastDeadline();
  }

  private boolean pastDeadline() {
    Duration limit = backoff.maxElapsed();
    return limit != null && ticker.nanoTime() - startNanos > limit.toNanos();
  }

  /** The failed attempts so far in this series. */
  public int failures() {
    return failures;
  }

  /** The wait before the next attempt, drawn when the last one failed (zero before any). */
  public Duration nextDelay() {
    return nextDelay;
  }

  /**
   * Waits {@link #nextDelay()} through {@code sleeper} and returns the wait.
   *
   * @throws InterruptedException when the thread was interrupted while waiting
   */
  public Duration pause(Sleeper sleeper) throws InterruptedException {
    Duration delay = nextDelay();
    sleeper.sleep(delay);
    return delay;
  }

  /** Starts a new series now: after a success, the next failure waits the shortest delay again. */
  public void reset() {
    failures = 0;
    nextDelay = Duration.ZERO;
    startNanos = ticker.nanoTime();
  }
}
