package dev.pgpipe.cli.cdc;

import dev.pgpipe.cdc.StdoutSink;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * When {@code pgpipe cdc} stops: on request (Ctrl-C), after a number of transactions, or after a
 * quiet period with no new transaction. Asked by the sink before each poll; what was written up to
 * then is still flushed and confirmed. Only the sink's thread calls {@link #getAsBoolean()}; {@link
 * #request()} may come from any thread.
 */
final class StopConditions implements BooleanSupplier {

  private final AtomicBoolean requested = new AtomicBoolean();
  private final long maxTransactions;
  private final @Nullable Duration idleExit;
  private final LongSupplier clock;
  private @Nullable StdoutSink lines;
  private long lastCount = -1;
  private long lastChangeNanos;
  private @Nullable String reason;

  /**
   * @param maxTransactions stop once this many transactions were written; 0 for no limit
   * @param idleExit stop when no transaction came for this long; null to wait forever
   * @param clock nanosecond ticker ({@code System::nanoTime})
   */
  StopConditions(long maxTransactions, @Nullable Duration idleExit, LongSupplier clock) {
    if (maxTransactions < 0) {
      throw new IllegalArgumentException("--max-transactions must be >= 0: " + maxTransactions);
    }
    if (idleExit != null && (idleExit.isNegative() || idleExit.isZero())) {
      throw new IllegalArgumentException("--idle-exit must be > 0: " + idleExit);
    }
    this.maxTransactions = maxTransactions;
    this.idleExit = idleExit;
    this.clock = clock;
  }

  /** The writer whose counters the limits apply to. */
  void watch(StdoutSink writer) {
    this.lines = writer;
    this.lastChangeNanos = clock.getAsLong();
  }

  /** Asks the sink to stop after what it has written (thread-safe). */
  void request() {
    requested.set(true);
  }

  /** Why it stopped, once it did: {@code interrupted}, {@code max-transactions}, {@code idle}. */
  @Nullable String reason() {
    return reason;
  }

  @Override
  public boolean getAsBoolean() {
    if (requested.get()) {
      reason = "interrupted";
      return true;
    }
    StdoutSink writer = lines;
    if (writer == null) {
      return false;
    }
    if (maxTransactions > 0 && writer.written() >= maxTransactions) {
      reason = "max-transactions";
      return true;
    }
    return idle(writer.lines());
  }

  private boolean idle(long count) {
    long now = clock.getAsLong();
    if (count != lastCount) {
      lastCount = count;
      lastChangeNanos = now;
      return false;
    }
    Duration limit = idleExit;
    if (limit != null && now - lastChangeNanos >= limit.toNanos()) {
      reason = "idle";
      return true;
    }
    return false;
  }
}
