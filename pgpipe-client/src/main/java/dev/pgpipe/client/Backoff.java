package dev.pgpipe.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * How patiently failed work is tried again: a capped exponential delay with optional jitter, and a
 * limit by attempts, by elapsed time, or both. The one backoff of every module; {@link Attempts}
 * runs one series of attempts under it with an injected {@link Ticker} and {@link Sleeper}.
 *
 * <p>The wait after failed attempt {@code n} (from 1) is {@code d = min(maxDelay, initialDelay x
 * 2^(n-1))}, shortened by a random part of at most {@code jitter x d}: uniformly random in {@code
 * [(1 - jitter) x d, d]}. So {@code jitter} 0 waits exactly {@code d}, and 0.5 is "equal jitter"
 * (between half and all of {@code d}), which spreads out clients that failed together while keeping
 * at least half of the exponential growth. Immutable and thread-safe.
 *
 * @param initialDelay the wait after the first failed attempt
 * @param maxDelay the longest wait between two attempts
 * @param jitter the part of each wait that is random, 0 to 1
 * @param maxAttempts the attempts in all, the first included; 1 never retries
 * @param maxElapsed a failure later than this after the first attempt began ends the series, so the
 *     last attempt starts at most one delay after it; null: no limit
 */
public record Backoff(
    Duration initialDelay,
    Duration maxDelay,
    double jitter,
    int maxAttempts,
    @Nullable Duration maxElapsed) {

  /** Equal jitter: each wait is between half and all of the exponential delay. */
  public static final double EQUAL_JITTER = 0.5;

  /** Checks the delays, jitter, attempts and deadline. */
  public Backoff {
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "need 0 <= initialDelay <= maxDelay: " + initialDelay + ", " + maxDelay);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be in [0, 1]: " + jitter);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
    }
    if (maxElapsed != null && maxElapsed.isNegative()) {
      throw new IllegalArgumentException("maxElapsed must be >= 0: " + maxElapsed);
    }
    if (maxDelay.compareTo(Duration.ofDays(365)) > 0) {
      throw new IllegalArgumentException("maxDelay must be at most a year: " + maxDelay);
    }
  }

  /** {@code initialDelay} doubling up to {@code maxDelay}, no jitter, no limit. */
  public static Backoff exponential(Duration initialDelay, Duration maxDelay) {
    return new Backoff(initialDelay, maxDelay, 0, Integer.MAX_VALUE, null);
  }

  /** One attempt: never retry. */
  public static Backoff never() {
    return immediately(1);
  }

  /** Up to {@code maxAttempts} attempts in all, each right after the failure of the one before. */
  public static Backoff immediately(int maxAttempts) {
    return new Backoff(Duration.ZERO, Duration.ZERO, 0, maxAttempts, null);
  }

  /** The same with {@code fraction} of each wait random ({@link #EQUAL_JITTER}, ...). */
  public Backoff withJitter(double fraction) {
    return new Backoff(initialDelay, maxDelay, fraction, maxAttempts, maxElapsed);
  }

  /** The same with at most {@code attempts} attempts in all. */
  public Backoff withMaxAttempts(int attempts) {
    return new Backoff(initialDelay, maxDelay, jitter, attempts, maxElapsed);
  }

  /** The same, giving up when an attempt fails later than {@code limit} after the first began. */
  public Backoff withMaxElapsed(Duration limit) {
    return new Backoff(initialDelay, maxDelay, jitter, maxAttempts, limit);
  }

  /** The wait after failed attempt {@code attempt} (from 1), with a fresh random jitter. */
  public Duration delayAfter(int attempt) {
    return delayAfter(attempt, jitter == 0 ? 0 : ThreadLocalRandom.current().nextDouble());
  }

  /**
   * The wait after failed attempt {@code attempt} (from 1) for a given draw {@code random} in [0,
   * 1): 0 gives the longest wait, values near 1 the shortest.
   */
  public Duration delayAfter(int attempt, double random) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt counts from 1: " + attempt);
    }
    long base = initialDelay.toNanos();
    long cap = maxDelay.toNanos();
    int shift = attempt - 1;
    long ceiling;
    if (base == 0) {
      ceiling = 0;
    } else if (shift >= Long.numberOfLeadingZeros(base) - 1) {
      ceiling = cap; // base << shift would overflow
    } else {
      ceiling = Math.min(cap, base << shift);
    }
    return Duration.ofNanos(ceiling - (long) (ceiling * jitter * random));
  }

  /** Starts a series of attempts now, measured on {@code ticker}. */
  public Attempts start(Ticker ticker) {
    return new Attempts(this, ticker);
  }
}
