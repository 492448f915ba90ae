package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.client.PgException;
import dev.pgpipe.client.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules by which {@link FlushedAcks} passes acknowledgements on, against scripted readings of
 * the target ({@link TargetWal}): {@link FlushedAcksTest} shows them against a real server.
 */
class FlushedAcksRulesTest {

  private static final Position COVERS_ALL = new Position(Long.MAX_VALUE, -1, 0, true);

  private final Deque<Object> readings = new ArrayDeque<>();
  private final RecordingSource source = new RecordingSource();
  private final long[] now = {0};
  private final Ticker ticker = () -> now[0];
  private final FlushedAcks acks = new FlushedAcks(source, this::next, "src", 100, ticker);

  @Test
  void aTransactionGoesOnOnceTheSameSessionReadsTheFlushPastWhereItWasPlaced() {
    Transaction tx = tx(1000);
    acks.acknowledge(tx);
    read(100, 50, "s1");
    read(120, 99, "s1");
    read(130, 100, "s1");
    check();
    assertThat(source.acknowledged).as("placed at 100").isEmpty();
    check();
    assertThat(source.acknowledged).as("flushed to 99").isEmpty();
    check();
    assertThat(source.acknowledged).containsExactly(tx);
  }

  @Test
  void aReadingByAnotherSessionProvesNothingAndPlacesItAgain() {
    Transaction tx = tx(1000);
    acks.acknowledge(tx);
    read(100, 50, "s1");
    read(200, 150, "s2"); // a crash may lie between: placed again at 200
    read(210, 199, "s2");
    read(220, 200, "s2");
    check();
    check();
    check();
    assertThat(source.acknowledged).isEmpty();
    check();
    assertThat(source.acknowledged).containsExactly(tx);
  }

  @Test
  void aLedgerThatNoLongerCoversAHeldTransactionMeansTheTargetLostIt() {
    acks.acknowledge(tx(0x1000));
    readings.add(new TargetWal(100, 50, "s1", new Position(0x0FFF, Position.COMPLETE, 0, true)));
    assertThatThrownBy(this::check)
        .isInstanceOf(TargetRolledBackException.class)
        .hasMessageContaining("ledger of source src is at Position[commit=0/FFF")
        .hasMessageContaining("committed at 0/1000 on the source");
    assertThat(source.acknowledged).isEmpty();
  }

  @Test
  void snapshotRowsAreNotCheckedAgainstTheLedger() {
    Transaction rows = new Transaction(0, 500, 500, 0, Instant.EPOCH, List.of(), 0, true);
    acks.acknowledge(rows);
    readings.add(new TargetWal(100, 50, "s1", Position.NONE));
    readings.add(new TargetWal(110, 100, "s1", Position.NONE));
    check();
    check();
    assertThat(source.acknowledged).containsExactly(rows);
  }

  @Test
  void transactionsGoOnInTheOrderTheyWereAcknowledged() {
    Transaction first = tx(1000);
    Transaction second = tx(2000);
    acks.acknowledge(first);
    read(100, 0, "s1"); // first placed at 100
    check();
    acks.acknowledge(second);
    read(200, 150, "s1"); // first goes; second placed at 200
    read(300, 250, "s1"); // second goes
    check();
    assertThat(source.acknowledged).containsExactly(first);
    check();
    assertThat(source.acknowledged).containsExactly(first, second);
  }

  @Test
  void aTransientFailureToReadTheTargetChangesNothingAndAPermanentOneIsThrown() {
    Transaction tx = tx(1000);
    acks.acknowledge(tx);
    readings.add(new PgException("gone", "08006", null, null, 0, null));
    read(100, 0, "s1");
    read(110, 100, "s1");
    readings.add(new PgException("denied", "42501", null, null, 0, null));
    check();
    check();
    check();
    assertThat(source.acknowledged).containsExactly(tx);
    acks.acknowledge(tx(2000));
    assertThatThrownBy(this::check)
        .isInstanceOf(PgException.class)
        .hasMessageStartingWith("denied");
  }

  @Test
  void pollReadsTheTargetAtMostEveryCheckIntervalAndWaitsNoLongerWhileSomethingIsHeld() {
    assertThat(acks.poll(Duration.ofMillis(200))).isNull();
    assertThat(source.timeouts).containsExactly(Duration.ofMillis(200));
    acks.acknowledge(tx(1000));
    read(100, 0, "s1");
    now[0] += FlushedAcks.CHECK_EVERY.toNanos();
    acks.poll(Duration.ofMillis(200));
    acks.poll(Duration.ofMillis(200)); // too soon for another reading
    assertThat(readings).isEmpty();
    assertThat(source.timeouts)
        .containsExactly(Duration.ofMillis(200), FlushedAcks.CHECK_EVERY, FlushedAcks.CHECK_EVERY);
    acks.poll(Duration.ZERO);
    assertThat(source.timeouts.getLast()).isZero();
  }

  @Test
  void aTransactionWithNoEventLeftIsPlacedByItsCommitAlone() {
    Transaction empty = new Transaction(7, 900, 1000, 1008, Instant.EPOCH, List.of(), 0, true);
    acks.acknowledge(empty);
    read(100, 100, "s1");
    read(110, 110, "s1");
    check();
    check();
    assertThat(source.acknowledged).containsExactly(empty);
  }

  @Test
  void whetherTheSourceIsFinishedOrBehindIsTheSourcesOwn() {
    assertThat(acks.isFinished()).isFalse();
    assertThat(acks.hasBacklog()).isFalse();
    source.finished = true;
    source.backlog = true;
    assertThat(acks.isFinished()).isTrue();
    assertThat(acks.hasBacklog()).isTrue();
  }

  @Test
  void aBatchIsAppliedAfterTheLastStreamedTransactionAcknowledgedAndWithoutAFlush() {
    List<String> calls = new ArrayList<>();
    FlushedAcks.Applier applier =
        (batch, floor, flush) -> {
          calls.add(
              (floor == null ? "none" : floor.commitLsn() + "/" + floor.eventIndex())
                  + " "
                  + flush);
          return new ApplyResult(batch.size(), 0, 0, 0, Position.NONE);
        };
    acks.apply(List.of(), applier);
    acks.acknowledge(tx(1000));
    acks.apply(List.of(), applier);
    acks.acknowledge(new Transaction(0, 500, 500, 0, Instant.EPOCH, List.of(), 0, true));
    acks.apply(List.of(), applier);
    assertThat(calls).containsExactly("none false", "1000/0 false", "1000/0 false");
  }

  @Test
  void beyondItsLimitABatchWaitsForTheFlushAndEverythingHeldGoesOn() {
    FlushedAcks small = new FlushedAcks(source, this::next, "src", 2, ticker);
    List<Boolean> flushes = new ArrayList<>();
    FlushedAcks.Applier applier =
        (batch, floor, flush) -> {
          flushes.add(flush);
          return new ApplyResult(batch.size(), 0, 0, 0, Position.NONE);
        };
    List<Transaction> txs = List.of(tx(1000), tx(2000), tx(3000));
    small.acknowledge(txs.get(0));
    small.acknowledge(txs.get(1));
    small.apply(List.of(), applier); // 2 held: at the limit, not beyond
    assertThat(source.acknowledged).isEmpty();
    small.acknowledge(txs.get(2));
    small.apply(List.of(), applier);
    assertThat(flushes).containsExactly(false, true);
    assertThat(source.acknowledged).containsExactlyElementsOf(txs);
    small.apply(List.of(), applier);
    assertThat(flushes).containsExactly(false, true, false);
    read(500, 500, "s1");
    read(510, 510, "s1");
    for (int i = 0; i < 2; i++) {
      now[0] += FlushedAcks.CHECK_EVERY.toNanos();
      small.poll(Duration.ZERO);
    }
    assertThat(source.acknowledged).as("each once").containsExactlyElementsOf(txs);
  }

  @Test
  void whatTheFlushReleasedNoLongerCountsTowardsTheLimit() {
    FlushedAcks small = new FlushedAcks(source, this::next, "src", 2, ticker);
    List<Boolean> flushes = new ArrayList<>();
    for (long lsn = 1000; lsn <= 3000; lsn += 1000) {
      small.acknowledge(tx(lsn));
    }
    read(100, 0, "s1");
    read(110, 100, "s1");
    for (int i = 0; i < 2; i++) {
      now[0] += FlushedAcks.CHECK_EVERY.toNanos();
      small.poll(Duration.ZERO);
    }
    assertThat(source.acknowledged).hasSize(3);
    small.apply(
        List.of(),
        (batch, floor, flush) -> {
          flushes.add(flush);
          return new ApplyResult(0, 0, 0, 0, Position.NONE);
        });
    assertThat(flushes).containsExactly(false);
  }

  @Test
  void aLedgerCoveringOnlyPartOfAHeldTransactionMeansTheRestWasLost() {
    Transaction two = new Events("t", 0x2000).insert(1, "a", 1).insert(2, "b", 2).tx();
    acks.acknowledge(two);
    readings.add(new TargetWal(100, 0, "s1", new Position(0x2000, 0, 0, true)));
    assertThatThrownBy(this::check).isInstanceOf(TargetRolledBackException.class);
  }

  @Test
  void itTakesAPositiveLimitAndHandsOnWhatTheSourceHandsOut() {
    assertThatThrownBy(() -> new FlushedAcks(source, this::next, "src", 0, ticker))
        .hasMessage("maxEvents must be > 0: 0");
    assertThat(new FlushedAcks(source, this::next, "src", 1, ticker).poll(Duration.ZERO)).isNull();
    Transaction tx = tx(1000);
    source.next = tx;
    assertThat(acks.poll(Duration.ZERO)).isSameAs(tx);
    acks.acknowledge(tx);
    read(100, 0, "s1");
    now[0] += FlushedAcks.CHECK_EVERY.toNanos();
    assertThat(acks.poll(Duration.ZERO)).isSameAs(tx);
  }

  @Test
  void settlingWaitsForTheFlushUpToItsLimitAndSaysHowManyAreLeft() {
    long[] clock = {0};
    TargetWal[] reading = {new TargetWal(100, 0, "s1", COVERS_ALL)};
    FlushedAcks settling =
        new FlushedAcks(source, () -> reading[0], "src", 100, () -> clock[0] += 5_000_000);
    settling.acknowledge(tx(1000));
    assertThat(settling.settle(Duration.ofMillis(50))).isEqualTo(1);
    reading[0] = new TargetWal(120, 100, "s1", COVERS_ALL);
    assertThat(settling.settle(Duration.ofMillis(50))).isZero();
    assertThat(source.acknowledged).hasSize(1);
  }

  /** One reading, as {@link FlushedAcks#poll} takes it once the check interval passed. */
  private void check() {
    now[0] += FlushedAcks.CHECK_EVERY.toNanos();
    acks.poll(Duration.ZERO);
  }

  private void read(long insert, long flush, String session) {
    readings.add(new TargetWal(insert, flush, session, COVERS_ALL));
  }

  private TargetWal next() {
    Object next = readings.removeFirst();
    if (next instanceof PgException e) {
      throw e;
    }
    return (TargetWal) next;
  }

  private static Transaction tx(long commitLsn) {
    return new Events("t", commitLsn).insert(commitLsn, "v", 1).tx();
  }
}
