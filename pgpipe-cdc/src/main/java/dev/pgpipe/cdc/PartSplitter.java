package dev.pgpipe.cdc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cuts a committed transaction's events into parts of at most {@code maxEventsPerPart}, giving
 * streamed events their final index and commit time. The last part is marked; a transaction with no
 * surviving events yields nothing.
 */
final class PartSplitter {

  private final OpenTransaction tx;
  private final long commitLsn;
  private final long endLsn;
  private final Instant commitTime;
  private final int maxEventsPerPart;
  private final Consumer<Transaction> out;
  private List<ChangeEvent> chunk = new ArrayList<>();
  private int part;
  private int index;

  PartSplitter(
      OpenTransaction tx,
      long commitLsn,
      long endLsn,
      Instant commitTime,
      int maxEventsPerPart,
      Consumer<Transaction> out) {
    this.tx = tx;
    this.commitLsn = commitLsn;
    this.endLsn = endLsn;
    this.commitTime = commitTime;
    this.maxEventsPerPart = maxEventsPerPart;
    this.out = out;
  }

  void add(ChangeEvent event) {
    if (chunk.size() == maxEventsPerPart) {
      send(false);
    }
    chunk.add(tx.streamed || event.index() != index ? reposition(event) : event);
    index++;
  }

  private ChangeEvent reposition(ChangeEvent event) {
    return new ChangeEvent(
        event.operation(),
        event.table(),
        event.before(),
        event.after(),
        event.message(),
        event.truncateOptions(),
        new EventPosition(event.lsn(), tx.xid, commitTime, index));
  }

  void finish() {
    if (!chunk.isEmpty()) {
      send(true);
    }
  }

  private void send(boolean last) {
    out.accept(
        new Transaction(tx.xid, tx.beginLsn, commitLsn, endLsn, commitTime, chunk, part++, last));
    chunk = new ArrayList<>(Math.min(maxEventsPerPart, 1024));
  }
}
