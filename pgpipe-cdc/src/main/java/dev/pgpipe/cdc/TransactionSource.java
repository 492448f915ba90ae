package dev.pgpipe.cdc;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link DrainLoop} takes transactions from: a {@link ChangeStream}, or an in-memory list
 * in tests. The source hands out transactions (or parts) in order and forgets one only when it is
 * {@linkplain #acknowledge acknowledged}; what was handed out but not acknowledged when the process
 * stops is handed out again by the next source over the same position (at least once).
 */
public interface TransactionSource {

  /**
   * The next transaction (or part), waiting up to {@code timeout}; null when none came.
   *
   * @throws RuntimeException when the source failed and nothing is left to hand out
   */
  @Nullable Transaction poll(Duration timeout);

  /**
   * Marks a handed-out transaction durable downstream; the source may forget it and those before.
   */
  void acknowledge(Transaction transaction);

  /** True once the source will hand out nothing more (an {@code initial_only} snapshot is done). */
  boolean isFinished();

  /**
   * Whether more is known to be on its way though nothing is ready: a {@link DrainLoop} then keeps
   * filling its batch (catching up) instead of writing it (caught up). Default false: write as soon
   * as nothing is ready.
   */
  default boolean hasBacklog() {
    return false;
  }
}
