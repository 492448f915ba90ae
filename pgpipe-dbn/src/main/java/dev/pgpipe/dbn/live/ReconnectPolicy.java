package dev.pgpipe.dbn.live;

import java.time.Duration;

/**
 * What the client does when a connection drops (reset, heartbeat timeout, closed mid-record): give
 * up, or reconnect after a capped exponential backoff ({@code initialDelay}, doubled per failed
 * attempt, at most {@code maxDelay}), up to {@code maxAttempts} consecutive attempts. A graceful
 * end of session is never reconnected. Immutable.
 *
 * @param enabled whether to reconnect at all
 * @param initialDelay the wait before the first attempt
 * @param maxDelay the longest wait between attempts
 * @param maxAttempts consecutive failed attempts before giving up, at least 1
 */
public record ReconnectPolicy(
    boolean enabled, Duration initialDelay, Duration maxDelay, int maxAttempts) {

  /** Checks the delays and the attempt count. */
  public ReconnectPolicy {
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "delays must satisfy 0 <= initialDelay <= maxDelay: " + initialDelay + ", " + maxDelay);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
    }
  }

  /** Never reconnect: a dropped connection ends {@link LiveClient#next()} with its exception. */
  public static ReconnectPolicy none() {
    return new ReconnectPolicy(false, Duration.ZERO, Duration.ZERO, 1);
  }

  /** Reconnect after 1 s, 2 s, 4 s ... at most 60 s apart, without limit on attempts. */
  public static ReconnectPolicy reconnect() {
    return backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), Integer.MAX_VALUE);
  }

  /** Reconnect with the given backoff. */
  public static ReconnectPolicy backoff(Duration initialDelay, Duration maxDelay, int maxAttempts) {
    return new ReconnectPolicy(true, initialDelay, maxDelay, maxAttempts);
  }

  /** The wait before attempt {@code attempt} (from 1): {@code min(maxDelay, initial * 2^(n-1))}. */
  public Duration delay(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt counts from 1: " + attempt);
    }
    Duration delay = initialDelay;
    for (int i = 1; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }
}
