package dev.pgpipe.nats;

import java.time.Duration;

/**
 * Backoff between attempts: {@code initial}, doubled per attempt, capped at {@code max}; waited
 * through {@code pause} (injected so tests need not sleep). Immutable.
 */
public record RetryPolicy(Duration initial, Duration max, Pause pause) {

  public RetryPolicy {
    if (initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 <= initial <= max: " + initial + ", " + max);
    }
  }

  /** 100 ms doubling up to 5 s, sleeping. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), Pause.SLEEP);
  }

  public static RetryPolicy of(Duration initial, Duration max) {
    return new RetryPolicy(initial, max, Pause.SLEEP);
  }

  /** The wait before attempt {@code attempt + 1} (attempt counts from 1). */
  public Duration delay(long attempt) {
    long shift = Math.min(30, Math.max(0, attempt - 1));
    long millis = Math.min(max.toMillis(), Math.max(1, initial.toMillis()) << shift);
    return Duration.ofMillis(millis);
  }
}
