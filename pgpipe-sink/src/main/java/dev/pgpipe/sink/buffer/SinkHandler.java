package dev.pgpipe.sink.buffer;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.sink.TableSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands buffered events to a {@link TableSink}: consecutive events of one transaction become one
 * {@link Transaction} (complete only when it holds the transaction's last event), so the sink's
 * ledger skips what it applied before, even when a crash came between the target's commit and the
 * buffer's. A batch the sink cannot apply (the target unreachable or without the table) is never
 * dead-lettered by the buffer: the processor keeps retrying it, so nothing is dropped for a problem
 * the operator can fix. Thread-safe when the sink is.
 */
public final class SinkHandler implements BufferHandler {

  private final TableSink sink;

  public SinkHandler(TableSink sink) {
    this.sink = sink;
  }

  @Override
  public void handle(List<BufferedEvent> batch) {
    sink.apply(transactions(batch));
  }

  /** The sink dead-letters the rows the target refuses; any other failure waits for a fix. */
  @Override
  public boolean deadLettersFailedBatches() {
    return false;
  }

  static List<Transaction> transactions(List<BufferedEvent> batch) {
    List<Transaction> out = new ArrayList<>();
    List<ChangeEvent> events = new ArrayList<>();
    BufferedEvent first = null;
    BufferedEvent previous = null;
    for (BufferedEvent e : batch) {
      if (previous != null && !sameTransaction(previous, e)) {
        out.add(transaction(java.util.Objects.requireNonNull(first), previous, events));
        events = new ArrayList<>();
        first = null;
      }
      first = first == null ? e : first;
      events.add(e.event());
      previous = e;
    }
    if (previous != null && first != null) {
      out.add(transaction(first, previous, events));
    }
    return out;
  }

  private static boolean sameTransaction(BufferedEvent a, BufferedEvent b) {
    return a.commitLsn() == b.commitLsn() && a.event().xid() == b.event().xid();
  }

  private static Transaction transaction(
      BufferedEvent first, BufferedEvent last, List<ChangeEvent> events) {
    return new Transaction(
        first.event().xid(),
        first.commitLsn(),
        first.commitLsn(),
        last.endLsn(),
        first.event().commitTime(),
        events,
        0,
        last.lastOfTransaction());
  }
}
