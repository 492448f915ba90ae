package dev.pgpipe.cli.cdc;

import dev.pgpipe.cdc.StdoutSink;
import dev.pgpipe.cli.StopRules;
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
  private final StopRules rules;
  private @Nullable StdoutSink lines;

  /**
   * @param maxTransactions stop once this many transactions were written; 0 for no limit
   * @param idleExit stop when no transaction came for this long; null to wait forever
   * @param clock nanosecond ticker ({@code System::nanoTime})
   */
  StopConditions(long maxTransactions, @Nullable Duration idleExit, LongSupplier clock) {
    this.rules = new StopRules(requested::get, maxTransactions, idleExit, null, clock);
  }

  /** The writer whose counters the limits apply to. */
  void watch(StdoutSink writer) {
    this.lines = writer;
  }

  /** Asks the sink to stop after what it has written (thread-safe). */
  void request() {
    requested.set(true);
  }

  /** Why it stopped, once it did: {@code interrupted}, {@code max-transactions}, {@code idle}. */
  @Nullable String reason() {
    return rules.reason();
  }

  @Override
  public boolean getAsBoolean() {
    StdoutSink writer = lines;
    if (writer == null) {
      return requested.get() && rules.stop(0, 0);
    }
    return rules.stop(writer.written(), writer.lines());
  }
}
