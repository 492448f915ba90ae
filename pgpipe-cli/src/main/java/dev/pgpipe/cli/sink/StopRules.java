package dev.pgpipe.cli.sink;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * When a long-running sink command stops by itself: on request (Ctrl-C), after a maximum run time,
 * or when its progress counter did not move for the idle time. Called by one thread only.
 */
final class StopRules {

  private final BooleanSupplier interrupted;
  private final @Nullable Duration idleExit;
  private final @Nullable Duration maxDuration;
  private final LongSupplier clock;
  private final long startNanos;
  private long lastCount = -1;
  private long lastChangeNanos;
  private @Nullable String reason;

  /**
   * @param idleExit stop when the counter did not move for this long; null to wait forever
   * @param maxDuration stop after this long; null for no limit
   * @param clock nanosecond ticker ({@code System::nanoTime})
   */
  StopRules(
      BooleanSupplier interrupted,
      @Nullable Duration idleExit,
      @Nullable Duration maxDuration,
      LongSupplier clock) {
    for (Duration d : new Duration[] {idleExit, maxDuration}) {
      if (d != null && (d.isNegative() || d.isZero())) {
        throw new IllegalArgumentException("durations must be > 0: " + d);
      }
    }
    this.interrupted = interrupted;
    this.idleExit = idleExit;
    this.maxDuration = maxDuration;
    this.clock = clock;
    this.startNanos = clock.getAsLong();
    this.lastChangeNanos = startNanos;
  }

  /** Whether to stop now, given the progress counter's current value. */
  boolean stop(long count) {
    long now = clock.getAsLong();
    if (interrupted.getAsBoolean()) {
      reason = "interrupted";
    } else if (maxDuration != null && now - startNanos >= maxDuration.toNanos()) {
      reason = "max-duration";
    } else if (count != lastCount) {
      lastCount = count;
      lastChangeNanos = now;
    } else if (idleExit != null && now - lastChangeNanos >= idleExit.toNanos()) {
      reason = "idle";
    }
    return reason != null;
  }

  /** Why it stopped, once it did: {@code interrupted}, {@code max-duration} or {@code idle}. */
  @Nullable String reason() {
    return reason;
  }
}
