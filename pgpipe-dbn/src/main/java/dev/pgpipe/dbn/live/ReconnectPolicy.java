package dev.pgpipe.dbn.live;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * What the client does when a connection drops (reset, heartbeat timeout, closed mid-record): give
 * up, or reconnect after a capped exponential backoff, up to {@code maxAttempts} consecutive
 * attempts and, if set, for at most {@code maxElapsed} after the drop. A graceful end of session is
 * never reconnected. Immutable.
 *
 * <p>The same shape and delay formula as pgpipe-client's {@code Backoff}, kept here because
 * pgpipe-dbn depends on nothing: the wait before reconnection attempt {@code n} (from 1) is {@code
 * d = min(maxDelay, initialDelay x 2^(n-1))}, shortened by a random part of at most {@code jitter x
 * d} (0: exactly {@code d}; 0.5: "equal jitter", between half and all of it). The waits go through
 * the client's {@link Sleeper} and the deadline is measured on its ticker ({@link
 * LiveClientBuilder#ticker}). One difference: {@code maxAttempts} counts the reconnection attempts,
 * not the first connection.
 *
 * @param enabled whether to reconnect at all
 * @param initialDelay the wait before the first attempt
 * @param maxDelay the longest wait between attempts
 * @param jitter the part of each wait that is random, 0 to 1
 * @param maxAttempts consecutive failed reconnection attempts before giving up, at least 1
 * @param maxElapsed no attempt starts later than this after the drop; null: no limit
 */
public record ReconnectPolicy(
    boolean enabled,
    Duration initialDelay,
    Duration maxDelay,
    double jitter,
    int maxAttempts,
    @Nullable Duration maxElapsed) {

  /** Checks the delays, jitter, attempt count and deadline. */
  public ReconnectPolicy {
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "delays must satisfy 0 <= initialDelay <= maxDelay: " + initialDelay + ", " + maxDelay);
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
  }

  /** Never reconnect: a dropped connection ends {@link LiveClient#next()} with its exception. */
  public static ReconnectPolicy none() {
    return new ReconnectPolicy(false, Duration.ZERO, Duration.ZERO, 0, 1, null);
  }

  /** Reconnect after 1 s, 2 s, 4 s ... at most 60 s apart, without limit on attempts. */
  public static ReconnectPolicy reconnect() {
    return backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), Integer.MAX_VALUE);
  }

  /** Reconnect with the given backoff, no jitter, no deadline. */
  public static ReconnectPolicy backoff(Duration initialDelay, Duration maxDelay, int maxAttempts) {
    return new ReconnectPolicy(true, initialDelay, maxDelay, 0, maxAttempts, null);
  }

  /** The same with {@code fraction} of each wait random. */
  public ReconnectPolicy withJitter(double fraction) {
    return new ReconnectPolicy(enabled, initialDelay, maxDelay, fraction, maxAttempts, maxElapsed);
  }

  /** The same, giving up when an attempt would start later than {@code limit} after the drop. */
  public ReconnectPolicy withMaxElapsed(Duration limit) {
    return new ReconnectPolicy(enabled, initialDelay, maxDelay, jitter, maxAttempts, limit);
  }

  /** The wait before attempt {@code attempt} (from 1), with a fresh random jitter. */
  public Duration delayAfter(int attempt) {
    return delayAfter(attempt, jitter == 0 ? 0 : ThreadLocalRandom.current().nextDouble());
  }

  /** The wait before attempt {@code attempt} (from 1) for a draw {@code random} in [0, 1). */
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

  /** Whether {@code elapsedNanos} since the drop is past {@link #maxElapsed()}. */
  boolean expired(long elapsedNanos) {
    Duration limit = maxElapsed;
    return limit != null && elapsedNanos > limit.toNanos();
  }
}
