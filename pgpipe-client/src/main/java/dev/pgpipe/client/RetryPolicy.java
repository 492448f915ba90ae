package dev.pgpipe.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a transaction is retried after a serialization failure or deadlock:
 * at most {@code maxAttempts} runs in all, waiting a jittered, exponentially growing delay between
 * them, capped at {@code maxDelay}.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
    }
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "need 0 <= initialDelay <= maxDelay: " + initialDelay + ", " + maxDelay);
    }
  }

  /** 5 attempts, 10 ms growing to at most 1 s. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(5, Duration.ofMillis(10), Duration.ofSeconds(1));
  }

  /** One attempt: never retry. */
  public static RetryPolicy never() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
  }

  /**
   * The wait after failed attempt {@code attempt} (1-based): uniformly random in [d/2, d] where d =
   * min(maxDelay, initialDelay * 2^(attempt-1)), so concurrent losers spread out.
   */
  public Duration delayAfter(int attempt) {
    long base = initialDelay.toNanos();
    long cap = maxDelay.toNanos();
    long delay = attempt >= 62 ? cap : Math.min(cap, base << Math.min(attempt - 1, 40));
    if (delay < 0 || delay > cap) {
      delay = cap;
    }
    long half = delay / 2;
    return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(delay - half + 1));
  }
}
