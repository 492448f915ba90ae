package dev.pgpipe.cdc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory {@link TransactionSource} with a script of transactions and pauses: a poll returns
 * the next transaction when it is due within the poll's timeout, advancing the fake ticker by the
 * time waited; during a {@link Behind} pause the source reports a backlog. Like a {@link
 * ChangeStream}, {@link #reopen()} hands out again everything after the last acknowledged
 * transaction. Every acknowledgement is written to the shared log.
 */
final class ScriptedSource implements TransactionSource {

  /** A pause in the script during which the source says more is on its way. */
  record Behind(Duration pause) {}

  private final FakeTicker ticker;
  private final List<String> log;
  private final List<Object> script;
  private final Deque<Object> pending;
  private final boolean finite;
  private final List<Transaction> acknowledged = new ArrayList<>();

  ScriptedSource(FakeTicker ticker, List<String> log, List<Object> script, boolean finite) {
    this.ticker = ticker;
    this.log = log;
    this.script = List.copyOf(script);
    this.pending = new ArrayDeque<>(script);
    this.finite = finite;
  }

  /** A whole transaction ending at LSN {@code end} with {@code events} events of {@code text}. */
  static Transaction tx(long end, int events, String text) {
    Instant commit = Instant.EPOCH.plusSeconds(end);
    return Transactions.streamed(end, end, commit, 0, true, events, Map.of("v", text));
  }

  static Transaction tx(long end) {
    return tx(end, 1, "x");
  }

  /** Everything after the last acknowledged transaction, again, as after a restart. */
  ScriptedSource reopen() {
    long confirmed = acknowledged.isEmpty() ? 0 : acknowledged.getLast().endLsn();
    List<Object> rest =
        script.stream()
            .filter(item -> !(item instanceof Transaction tx) || tx.endLsn() > confirmed)
            .toList();
    return new ScriptedSource(ticker, log, rest, finite);
  }

  @Override
  public @Nullable Transaction poll(Duration timeout) {
    Object head = pending.peekFirst();
    if (head instanceof Behind behind) {
      head = behind.pause();
      pending.removeFirst();
      pending.addFirst(head);
      if (behind.pause().compareTo(timeout) > 0) {
        pending.removeFirst();
        ticker.advance(timeout);
        pending.addFirst(new Behind(behind.pause().minus(timeout)));
        return null;
      }
    }
    if (head instanceof Duration pause) {
      pending.removeFirst();
      if (pause.compareTo(timeout) > 0) {
        ticker.advance(timeout);
        pending.addFirst(pause.minus(timeout));
        return null;
      }
      ticker.advance(pause);
      head = pending.peekFirst();
    }
    if (head instanceof Transaction tx) {
      pending.removeFirst();
      return tx;
    }
    ticker.advance(timeout);
    return null;
  }

  @Override
  public void acknowledge(Transaction transaction) {
    acknowledged.add(transaction);
    log.add("ack " + transaction.endLsn());
  }

  @Override
  public boolean hasBacklog() {
    return pending.peekFirst() instanceof Behind;
  }

  @Override
  public boolean isFinished() {
    return finite && pending.isEmpty();
  }

  List<Transaction> acknowledged() {
    return acknowledged;
  }
}
