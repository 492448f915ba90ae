package dev.pgpipe.cdc;

import dev.pgpipe.client.Ticker;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * When a long-running loop stops by itself: on request (Ctrl-C), after {@code maxTransactions} (0:
 * no limit), after {@code maxDuration} (null: no limit), or when its progress count did not move
 * for {@code idleExit} (null: wait forever). Time comes from the given {@link Ticker}, and the
 * clock starts when the rules are made. Used by one thread.
 */
public final class StopRules {

  private final BooleanSupplier interrupted;
  private final long maxTransactions;
  private final @Nullable Duration idleExit;
  private final @Nullable Duration maxDuration;
  private final Ticker ticker;
  private final long startNanos;
  private long lastProgress = -1;
  private long lastChangeNanos;
  private @Nullable StopReason reason;

  /**
   * @throws IllegalArgumentException when a limit is negative or a duration not positive
   */
  public StopRules(
      BooleanSupplier interrupted,
      long maxTransactions,
      @Nullable Duration idleExit,
      @Nullable Duration maxDuration,
      Ticker ticker) {
    if (maxTransactions < 0) {
      throw new IllegalArgumentException("--max-transactions must be >= 0: " + maxTransactions);
    }
    requirePositive("--idle-exit", idleExit);
    requirePositive("--max-duration", maxDuration);
    this.interrupted = interrupted;
    this.maxTransactions = maxTransactions;
    this.idleExit = idleExit;
    this.maxDuration = maxDuration;
    this.ticker = ticker;
    this.startNanos = ticker.nanoTime();
    this.lastChangeNanos = startNanos;
  }

  /** Rules that stop only on request. */
  public static StopRules onRequest(BooleanSupplier interrupted, Ticker ticker) {
    return new StopRules(interrupted, 0, null, null, ticker);
  }

  private static void requirePositive(String flag, @Nullable Duration value) {
    if (value != null && (value.isNegative() || value.isZero())) {
      throw new IllegalArgumentException(flag + " must be > 0: " + value);
    }
  }

  /** Whether to stop now, given the transactions done and the progress count so far. */
  public boolean stop(long transactions, long progress) {
    long now = ticker.nanoTime();
    Duration idle = idleExit;
    Duration longest = maxDuration;
    if (interrupted.getAsBoolean()) {
      reason = StopReason.INTERRUPTED;
    } else if (maxTransactions > 0 && transactions >= maxTransactions) {
      reason = StopReason.MAX_TRANSACTIONS;
    } else if (longest != null && now - startNanos >= longest.toNanos()) {
      reason = StopReason.MAX_DURATION;
    } else if (progress != lastProgress) {
      lastProgress = progress;
      lastChangeNanos = now;
    } else if (idle != null && now - lastChangeNanos >= idle.toNanos()) {
      reason = StopReason.IDLE;
    }
    return reason != null;
  }

  /** Why it stopped; null while it did not. */
  public @Nullable StopReason reason() {
    return reason;
  }
}
