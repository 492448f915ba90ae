package dev.pgpipe.sink;

import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.TransactionSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A source that hands out {@link #next} (null: nothing) on every poll and records the
 * acknowledgements that reach it and the timeouts it was polled with; whether it is finished or
 * behind is set by the test.
 */
final class RecordingSource implements TransactionSource {
  final List<Transaction> acknowledged = new ArrayList<>();
  final List<Duration> timeouts = new ArrayList<>();
  boolean finished;
  boolean backlog;
  @Nullable Transaction next;

  @Override
  public @Nullable Transaction poll(Duration timeout) {
    timeouts.add(timeout);
    return next;
  }

  @Override
  public void acknowledge(Transaction transaction) {
    acknowledged.add(transaction);
  }

  @Override
  public boolean isFinished() {
    return finished;
  }

  @Override
  public boolean hasBacklog() {
    return backlog;
  }
}
