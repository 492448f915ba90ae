package dev.pgpipe.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the tracker lets the stream confirm: only the end of a completed transaction when it and
 * everything handed out before it were acknowledged, whatever order the acknowledgements come in,
 * with parts, snapshot rows and idle advances in between.
 */
class AckTrackerTest {

  /** A streamed transaction (or part) ending at {@code end} with {@code events} events. */
  private static Transaction tx(long end, int part, boolean last, int events) {
    return Transactions.streamed(7, end, Instant.EPOCH, part, last, events, Map.of());
  }

  private static Transaction whole(long end) {
    return tx(end, 0, true, 1);
  }

  /** Snapshot rows: end LSN 0, nothing to confirm. */
  private static Transaction snapshot(int part, boolean last) {
    return new Transaction(0, 50, 50, 0, Instant.EPOCH, List.of(), part, last);
  }

  @Test
  void confirmsTheEndOfAnAcknowledgedTransactionAndNothingBefore() {
    AckTracker acks = new AckTracker(100);
    Transaction a = whole(200);
    acks.delivered(a);
    assertThat(acks.confirmed()).isEqualTo(100);
    acks.acknowledge(a);
    assertThat(acks.confirmed()).isEqualTo(200);
  }

  @Test
  void outOfOrderAcknowledgementsConfirmOnlyTheContiguousPrefix() {
    AckTracker acks = new AckTracker(100);
    Transaction a = whole(200);
    Transaction b = whole(300);
    Transaction c = whole(400);
    List.of(a, b, c).forEach(acks::delivered);
    acks.acknowledge(c);
    acks.acknowledge(b);
    assertThat(acks.confirmed()).isEqualTo(100);
    assertThat(acks.outstanding()).as("nothing leaves before the oldest").isEqualTo(3);
    acks.acknowledge(a);
    assertThat(acks.confirmed()).isEqualTo(400);
    assertThat(acks.outstanding()).isZero();
  }

  @Test
  void aTransactionInPartsIsConfirmedOnlyWhenEveryPartIsAcknowledged() {
    AckTracker acks = new AckTracker(100);
    Transaction p0 = tx(200, 0, false, 3);
    Transaction p1 = tx(200, 1, false, 3);
    Transaction p2 = tx(200, 2, true, 1);
    List.of(p0, p1, p2).forEach(acks::delivered);
    acks.acknowledge(p0);
    acks.acknowledge(p1);
    assertThat(acks.confirmed()).as("acknowledged parts without the last").isEqualTo(100);
    acks.acknowledge(p2);
    assertThat(acks.confirmed()).isEqualTo(200);
  }

  @Test
  void aLastPartAcknowledgedBeforeItsFirstConfirmsNothing() {
    AckTracker acks = new AckTracker(100);
    Transaction p0 = tx(200, 0, false, 2);
    Transaction p1 = tx(200, 1, true, 2);
    acks.delivered(p0);
    acks.delivered(p1);
    acks.acknowledge(p1);
    assertThat(acks.confirmed()).isEqualTo(100);
    assertThat(acks.advanceIfIdle(500)).as("part 0 is still outstanding").isFalse();
    acks.acknowledge(p0);
    assertThat(acks.confirmed()).isEqualTo(200);
  }

  @Test
  void snapshotRowsHoldBackLaterTransactionsButConfirmNothingThemselves() {
    AckTracker acks = new AckTracker(100);
    Transaction rows0 = snapshot(0, false);
    Transaction rows1 = snapshot(1, true);
    Transaction streamed = whole(300);
    List.of(rows0, rows1, streamed).forEach(acks::delivered);
    acks.acknowledge(streamed);
    acks.acknowledge(rows1);
    assertThat(acks.confirmed()).as("snapshot part 0 outstanding").isEqualTo(100);
    acks.acknowledge(rows0);
    assertThat(acks.confirmed()).isEqualTo(300);
  }

  @Test
  void acknowledgedSnapshotRowsAloneLeaveTheConfirmedPositionAlone() {
    AckTracker acks = new AckTracker(100);
    Transaction rows = snapshot(0, true);
    acks.delivered(rows);
    acks.acknowledge(rows);
    assertThat(acks.confirmed()).isEqualTo(100);
    assertThat(acks.deliveredEnd()).isEqualTo(100);
  }

  @Test
  void theConfirmedPositionNeverMovesBack() {
    AckTracker acks = new AckTracker(500);
    Transaction old = whole(200);
    acks.delivered(old);
    acks.acknowledge(old);
    assertThat(acks.confirmed()).isEqualTo(500);
    assertThat(acks.deliveredEnd()).isEqualTo(500);
  }

  @Test
  void advanceIfIdleMovesOnlyForwardAndOnlyWithNothingOutstanding() {
    AckTracker acks = new AckTracker(100);
    assertThat(acks.advanceIfIdle(100)).as("the same position is no advance").isFalse();
    assertThat(acks.advanceIfIdle(99)).isFalse();
    assertThat(acks.confirmed()).isEqualTo(100);
    assertThat(acks.advanceIfIdle(101)).isTrue();
    assertThat(acks.confirmed()).isEqualTo(101);
    assertThat(acks.deliveredEnd()).as("nothing up to it is sent again").isEqualTo(101);

    Transaction a = whole(200);
    acks.delivered(a);
    assertThat(acks.advanceIfIdle(300)).isFalse();
    assertThat(acks.confirmed()).isEqualTo(101);
    acks.acknowledge(a);
    assertThat(acks.confirmed()).isEqualTo(200);
    assertThat(acks.advanceIfIdle(300)).isTrue();
    assertThat(acks.confirmed()).isEqualTo(300);
  }

  @Test
  void advanceIfIdleWaitsForAnAcknowledgedEntryBehindAnOutstandingOne() {
    AckTracker acks = new AckTracker(100);
    Transaction a = whole(200);
    Transaction b = whole(300);
    acks.delivered(a);
    acks.delivered(b);
    acks.acknowledge(b);
    assertThat(acks.advanceIfIdle(400)).isFalse();
    assertThat(acks.confirmed()).isEqualTo(100);
    assertThat(acks.deliveredEnd()).isEqualTo(300);
  }

  @Test
  void deliveredEndFollowsOnlyCompletedTransactions() {
    AckTracker acks = new AckTracker(100);
    acks.delivered(tx(200, 0, false, 1));
    assertThat(acks.deliveredEnd()).as("part 0 alone is not resumable past").isEqualTo(100);
    acks.delivered(tx(200, 1, true, 1));
    assertThat(acks.deliveredEnd()).isEqualTo(200);
    acks.delivered(snapshot(0, true));
    assertThat(acks.deliveredEnd()).isEqualTo(200);
  }

  @Test
  void countsDeliveredTransactionsEventsAndOutstandingEntries() {
    AckTracker acks = new AckTracker(0);
    Transaction p0 = tx(200, 0, false, 3);
    Transaction p1 = tx(200, 1, true, 2);
    Transaction b = tx(300, 0, true, 4);
    List.of(p0, p1, b).forEach(acks::delivered);
    assertThat(acks.deliveredTransactions()).as("parts count once").isEqualTo(2);
    assertThat(acks.deliveredEvents()).isEqualTo(9);
    assertThat(acks.outstanding()).isEqualTo(3);
    acks.acknowledge(p0);
    assertThat(acks.outstanding()).isEqualTo(2);
  }

  @Test
  void anEqualButDistinctTransactionIsTrackedOnItsOwn() {
    AckTracker acks = new AckTracker(100);
    Transaction first = whole(200);
    Transaction again = whole(200);
    assertThat(again).isEqualTo(first).isNotSameAs(first);
    acks.delivered(first);
    acks.delivered(again);
    acks.acknowledge(again);
    assertThat(acks.confirmed()).as("the first copy is outstanding").isEqualTo(100);
    acks.acknowledge(first);
    assertThat(acks.confirmed()).isEqualTo(200);
  }

  @Test
  void acknowledgingWhatWasNotHandedOutOrTwiceFails() {
    AckTracker acks = new AckTracker(100);
    Transaction a = whole(200);
    Transaction b = whole(300);
    assertThatThrownBy(() -> acks.acknowledge(a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a transaction awaiting acknowledgement");
    acks.delivered(a);
    acks.delivered(b);
    acks.acknowledge(b);
    assertThatThrownBy(() -> acks.acknowledge(b)).hasMessageContaining("acknowledged twice");
    assertThat(acks.confirmed()).isEqualTo(100);
  }
}
