package dev.pgpipe.cli;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * When a long-running command stops by itself: on request (Ctrl-C), after {@code maxTransactions}
 * (0: no limit), after {@code maxDuration} (null: no limit), or when its progress count did not
 * move for {@code idleExit} (null: wait forever). Time comes from the given nanosecond ticker. Used
 * by one thread.
 */
public final class StopRules {

  private final BooleanSupplier interrupted;
  private final long maxTransactions;
  private final @Nullable Duration idleExit;
  private final @Nullable Duration maxDuration;
  private final LongSupplier clock;
  private final long startNanos;
  private long lastProgress = -1;
  private long lastChangeNanos;
  private @Nullable String reason;

  public StopRules(
      BooleanSupplier interrupted,
      long maxTransactions,
      @Nullable Duration idleExit,
      @Nullable Duration maxDuration,
      LongSupplier clock) {
    if (maxTransactions < 0) {
      throw new IllegalArgumentException("--max-transactions must be >= 0: " + maxTransactions);
    }
    requirePositive("--idle-exit", idleExit);
    requirePositive("--max-duration", maxDuration);
    this.interrupted = interrupted;
    this.maxTransactions = maxTransactions;
    this.idleExit = idleExit;
    this.maxDuration = maxDuration;
    this.clock = clock;
    this.startNanos = clock.getAsLong();
    this.lastChangeNanos = startNanos;
  }

  private static void requirePositive(String flag, @Nullable Duration value) {
    if (value != null && (value.isNegative() || value.isZero())) {
      throw new IllegalArgumentException(flag + " must be > 0: " + value);
    }
  }

  /** Whether to stop now, given the transactions done and the progress count so far. */
  public boolean stop(long transactions, long progress) {
    long now = clock.getAsLong();
    Duration idle = idleExit;
    Duration longest = maxDuration;
    if (interrupted.getAsBoolean()) {
      reason = "interrupted";
    } else if (maxTransactions > 0 && transactions >= maxTransactions) {
      reason = "max-transactions";
    } else if (longest != null && now - startNanos >= longest.toNanos()) {
      reason = "max-duration";
    } else if (progress != lastProgress) {
      lastProgress = progress;
      lastChangeNanos = now;
    } else if (idle != null && now - lastChangeNanos >= idle.toNanos()) {
      reason = "idle";
    }
    return reason != null;
  }

  /**
   * Why it stopped: {@code interrupted}, {@code max-transactions}, {@code max-duration} or {@code
   * idle}; else null.
   */
  public @Nullable String reason() {
    return reason;
  }
}
