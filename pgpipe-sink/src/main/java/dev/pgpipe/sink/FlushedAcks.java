package dev.pgpipe.sink;

import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.TransactionSource;
import dev.pgpipe.client.PgException;
import dev.pgpipe.client.Ticker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source of a {@link Replicator} whose batches commit without waiting for the target's WAL
 * flush ({@link TableSink#applyAfter}): an acknowledged transaction is held here until the target's
 * WAL is flushed past its commit, and only then acknowledged to the source. So the slot never
 * confirms a transaction that a crash of the target could still undo, which is how PostgreSQL's own
 * subscriptions report their progress.
 *
 * <p>While something is held, every {@link #CHECK_EVERY} at most (from {@link #poll}) the target is
 * read ({@link TargetWal}) by one session:
 *
 * <ul>
 *   <li>a held transaction not yet placed is placed at the reading's insert LSN (its commit ended
 *       before it), after checking that the ledger still covers it: when it does not, the target
 *       lost it, and {@link TargetRolledBackException} says so;
 *   <li>a placed transaction whose mark the flushed LSN passed, in a reading by the session that
 *       placed it, is acknowledged to the source, in order;
 *   <li>one placed by another session is placed again (a crash ends every session, so the old
 *       reading proves nothing).
 * </ul>
 *
 * <p>A reading that fails on a transient error (the target is away) changes nothing. Beyond {@code
 * maxEvents} held events, the next batch {@link #apply applied} through here commits waiting for
 * the flush, which releases them all. Not thread-safe: the drain loop's thread only.
 */
final class FlushedAcks implements TransactionSource {

  /** The shortest time between two readings of the target. */
  static final Duration CHECK_EVERY = Duration.ofMillis(10);

  private static final Logger log = LoggerFactory.getLogger(FlushedAcks.class);

  private final TransactionSource source;
  private final Supplier<TargetWal> target;
  private final String sourceId;
  private final long maxEvents;
  private final Ticker ticker;
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private long heldEvents;
  private long lastReading;
  private @Nullable Position floor;

  /** A transaction acknowledged downstream and not yet to the source. */
  private static final class Held {
    final Transaction tx;
    long mark;
    @Nullable String session;

    Held(Transaction tx) {
      this.tx = tx;
    }
  }

  FlushedAcks(
      TransactionSource source,
      Supplier<TargetWal> target,
      String sourceId,
      long maxEvents,
      Ticker ticker) {
    if (maxEvents < 1) {
      throw new IllegalArgumentException("maxEvents must be > 0: " + maxEvents);
    }
    this.source = source;
    this.target = target;
    this.sourceId = sourceId;
    this.maxEvents = maxEvents;
    this.ticker = ticker;
    this.lastReading = ticker.nanoTime() - CHECK_EVERY.toNanos();
  }

  @Override
  public @Nullable Transaction poll(Duration timeout) {
    if (held.isEmpty()) {
      return source.poll(timeout);
    }
    if (ticker.nanoTime() - lastReading >= CHECK_EVERY.toNanos()) {
      check();
    }
    return source.poll(timeout.compareTo(CHECK_EVERY) > 0 ? CHECK_EVERY : timeout);
  }

  /** Holds {@code tx} until the target flushed it. */
  @Override
  public void acknowledge(Transaction tx) {
    held.addLast(new Held(tx));
    heldEvents += tx.size();
    if (!tx.isSnapshot()) {
      floor = new Position(tx.commitLsn(), lastIndex(tx), tx.endLsn(), true);
    }
  }

  /** How a batch is applied: {@link TableSink#applyAfter}. */
  @FunctionalInterface
  interface Applier {
    ApplyResult apply(List<Transaction> batch, @Nullable Position floor, boolean waitForFlush);
  }

  /**
   * Applies {@code batch} through {@code applier} after what was acknowledged here: without waiting
   * for the target's flush, unless more than {@code maxEvents} are held, when its commit flushes
   * the WAL for them all and they are acknowledged to the source at once.
   *
   * @throws TargetRolledBackException when the target no longer holds what was acknowledged here
   */
  ApplyResult apply(List<Transaction> batch, Applier applier) {
    boolean flush = heldEvents > maxEvents;
    ApplyResult result = applier.apply(batch, floor, flush);
    if (flush) {
      // the ledger covered the floor, so all that is held survived; the flush passed it
      held.forEach(h -> source.acknowledge(h.tx));
      held.clear();
      heldEvents = 0;
    }
    return result;
  }

  @Override
  public boolean isFinished() {
    return source.isFinished();
  }

  @Override
  public boolean hasBacklog() {
    return source.hasBacklog();
  }

  /**
   * Waits up to {@code limit} for the target to flush what is held, acknowledging it. Returns how
   * many transactions are still held: the source sends them again on its next start, and the ledger
   * skips them.
   */
  int settle(Duration limit) {
    long deadline = ticker.nanoTime() + limit.toNanos();
    while (!held.isEmpty() && ticker.nanoTime() - deadline < 0) {
      check();
      if (!held.isEmpty()) {
        LockSupport.parkNanos(CHECK_EVERY.toNanos());
      }
    }
    return held.size();
  }

  private void check() {
    lastReading = ticker.nanoTime();
    TargetWal now;
    try {
      now = target.get();
    } catch (PgException e) {
      if (!e.isTransient()) {
        throw e;
      }
      log.debug("target's WAL not read ({}); holding {} acknowledgements", e, held.size());
      return;
    }
    while (!held.isEmpty()) {
      Held first = held.peekFirst();
      if (!now.session().equals(first.session) || first.mark > now.flushLsn()) {
        break;
      }
      held.removeFirst();
      heldEvents -= first.tx.size();
      source.acknowledge(first.tx);
    }
    for (Held h : held) {
      if (!now.session().equals(h.session)) {
        place(h, now);
      }
    }
  }

  private void place(Held h, TargetWal now) {
    Transaction tx = h.tx;
    if (!tx.isSnapshot() && !now.ledger().covers(tx.commitLsn(), lastIndex(tx))) {
      throw new TargetRolledBackException(sourceId, now.ledger(), tx.commitLsn());
    }
    h.mark = now.insertLsn();
    h.session = now.session();
  }

  private static int lastIndex(Transaction tx) {
    return tx.events().isEmpty() ? -1 : tx.events().get(tx.size() - 1).index();
  }
}
