package dev.pgpipe.cli.nats;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * When a long-running NATS command stops by itself: on request (Ctrl-C), after {@code
 * maxTransactions} (0: no limit), or when its progress count (messages, snapshot rows included) did
 * not move for {@code idleExit} (null: wait forever). Time comes from the given nanosecond ticker.
 * Used by one thread.
 */
final class StopWhen {

  private final BooleanSupplier interrupted;
  private final long maxTransactions;
  private final @Nullable Duration idleExit;
  private final LongSupplier nanoClock;
  private long lastCount = -1;
  private long lastChange;
  private @Nullable String reason;

  StopWhen(
      BooleanSupplier interrupted,
      long maxTransactions,
      @Nullable Duration idleExit,
      LongSupplier nanoClock) {
    if (maxTransactions < 0) {
      throw new IllegalArgumentException("--max-transactions must be >= 0: " + maxTransactions);
    }
    this.interrupted = interrupted;
    this.maxTransactions = maxTransactions;
    this.idleExit = idleExit;
    this.nanoClock = nanoClock;
    this.lastChange = nanoClock.getAsLong();
  }

  /** Whether to stop now, given the transactions applied and the progress count so far. */
  boolean stop(long transactions, long progress) {
    long now = nanoClock.getAsLong();
    Duration idle = idleExit;
    if (interrupted.getAsBoolean()) {
      reason = "interrupted";
    } else if (maxTransactions > 0 && transactions >= maxTransactions) {
      reason = "max-transactions";
    } else if (progress != lastCount) {
      lastCount = progress;
      lastChange = now;
    } else if (idle != null && now - lastChange >= idle.toNanos()) {
      reason = "idle";
    }
    return reason != null;
  }

  /** Why it stopped: {@code interrupted}, {@code max-transactions} or {@code idle}; else null. */
  @Nullable String reason() {
    return reason;
  }
}
