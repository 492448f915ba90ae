package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.client.PgException;
import dev.pgpipe.client.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
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
