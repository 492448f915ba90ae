package dev.pgpipe.cdc;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Transactions handed to the consumer, in order, and which of them it acknowledged. The confirmable
 * position is the end LSN of the latest completed transaction such that it and every transaction
 * (and part) before it were acknowledged: never more. Thread-safe.
 */
final class AckTracker {

  private static final class Entry {
    final Transaction tx;
    boolean acked;

    Entry(Transaction tx) {
      this.tx = tx;
    }
  }

  private final ArrayDeque<Entry> pending = new ArrayDeque<>();
  private long confirmed;
  private long deliveredEnd;
  private long deliveredTransactions;
  private long deliveredEvents;

  AckTracker(long confirmed) {
    this.confirmed = confirmed;
    this.deliveredEnd = confirmed;
  }

  /** Records a transaction (or part) about to be handed out. */
  synchronized void delivered(Transaction tx) {
    pending.addLast(new Entry(tx));
    deliveredEvents += tx.size();
    if (tx.lastPart()) {
      deliveredTransactions++;
      deliveredEnd = Math.max(deliveredEnd, tx.endLsn());
    }
  }

  /** Marks one handed-out transaction acknowledged; throws if it was not handed out or twice. */
  synchronized void acknowledge(Transaction tx) {
    Entry found = null;
    for (Iterator<Entry> it = pending.iterator(); it.hasNext(); ) {
      Entry entry = it.next();
      if (entry.tx == tx && !entry.acked) {
        found = entry;
        break;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException(
          "not a transaction awaiting acknowledgement (acknowledged twice?): " + tx);
    }
    found.acked = true;
    while (!pending.isEmpty() && pending.peekFirst().acked) {
      Transaction done = pending.removeFirst().tx;
      if (done.lastPart() && !done.isSnapshot()) {
        confirmed = Math.max(confirmed, done.endLsn());
      }
    }
  }

  /** The end LSN it is safe to confirm to the server. */
  synchronized long confirmed() {
    return confirmed;
  }

  /** Raises the confirmed position when nothing is outstanding (idle or filtered traffic). */
  synchronized boolean advanceIfIdle(long lsn) {
    if (pending.isEmpty() && lsn > confirmed) {
      confirmed = lsn;
      deliveredEnd = Math.max(deliveredEnd, lsn);
      return true;
    }
    return false;
  }

  /** The highest end LSN handed out: after a reconnect, anything up to it is not sent again. */
  synchronized long deliveredEnd() {
    return deliveredEnd;
  }

  synchronized int outstanding() {
    return pending.size();
  }

  synchronized long deliveredTransactions() {
    return deliveredTransactions;
  }

  synchronized long deliveredEvents() {
    return deliveredEvents;
  }
}
