package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Column;
import dev.pgpipe.cdc.EventPosition;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.value.ValueKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The position arithmetic alone: what {@link Position#covers} skips and what {@link Position#after}
 * records, over every kind of part that can follow every kind of position.
 */
class PositionTest {

  private static final long A = 1_000;
  private static final long B = 2_000;
  private static final TableSchema TABLE =
      new TableSchema(
          "public",
          "t",
          'd',
          List.of(new Column("id", "int8", 20, ValueKind.INT64, false, false, true)));

  /** Part {@code part} of the transaction committed at {@code commit}, events {@code from..to}. */
  private static Transaction part(long commit, int part, int from, int to, boolean last) {
    List<ChangeEvent> events =
        IntStream.rangeClosed(from, to)
            .mapToObj(
                i ->
                    new ChangeEvent(
                        Operation.INSERT,
                        TABLE,
                        null,
                        Map.of("id", (long) i),
                        null,
                        0,
                        new EventPosition(commit, commit, Instant.EPOCH, i)))
            .toList();
    return new Transaction(
        commit, commit - 1, commit, commit + 8, Instant.EPOCH, events, part, last);
  }

  private static Transaction whole(long commit, int events) {
    return part(commit, 0, 0, events - 1, true);
  }

  private static Transaction emptyPart(long commit, int part, boolean last) {
    return new Transaction(
        commit, commit - 1, commit, commit + 8, Instant.EPOCH, List.of(), part, last);
  }

  /** Snapshot rows taken at consistent point {@code point}. */
  private static Transaction snapshot(long point, int rows) {
    Transaction t = part(point, 0, 0, rows - 1, true);
    return new Transaction(0, point, point, 0, Instant.EPOCH, t.events(), 0, true);
  }

  private static Transaction snapshot(int rows) {
    return snapshot(A - 10, rows);
  }

  private static Position complete(long commit) {
    return new Position(commit, Position.COMPLETE, commit + 8, true);
  }

  @Test
  void firstPartFromNothingRecordsItsLastIndex() {
    Position next = Position.NONE.after(part(A, 0, 0, 9, false));
    assertThat(next).isEqualTo(new Position(A, 9, 0, true));
  }

  @Test
  void firstPartAfterACompleteTransactionStartsTheCountAfresh() {
    Position next = complete(A).after(part(B, 0, 0, 9, false));
    assertThat(next).isEqualTo(new Position(B, 9, A + 8, true));
    assertThat(next.covers(B, 9)).isTrue();
    assertThat(next.covers(B, 10)).as("the second part is not applied yet").isFalse();
  }

  @Test
  void firstPartAfterAPartlyAppliedOlderTransactionStartsTheCountAfresh() {
    Position next = new Position(A, 5_000, 0, true).after(part(B, 0, 0, 2, false));
    assertThat(next).isEqualTo(new Position(B, 2, 0, true));
  }

  @Test
  void laterPartOfTheSameTransactionRaisesTheIndex() {
    Position first = complete(A).after(part(B, 0, 0, 9, false));
    Position second = first.after(part(B, 1, 10, 19, false));
    assertThat(second).isEqualTo(new Position(B, 19, A + 8, true));
  }

  @Test
  void lastPartCompletesTheTransactionAndMovesTheEnd() {
    Position next = new Position(B, 19, A + 8, true).after(part(B, 2, 20, 24, true));
    assertThat(next).isEqualTo(new Position(B, Position.COMPLETE, B + 8, true));
    assertThat(next.covers(B, Integer.MAX_VALUE)).isTrue();
    assertThat(next.covers(B + 1, 0)).isFalse();
  }

  @Test
  void wholeTransactionAfterAnotherIsComplete() {
    assertThat(complete(A).after(whole(B, 3))).isEqualTo(complete(B));
  }

  @Test
  void afterASnapshotTheFirstStreamedPartStartsFromItsOwnIndex() {
    Position afterSnapshot = Position.NONE.after(snapshot(100));
    assertThat(afterSnapshot).isEqualTo(Position.NONE);
    Position mark = afterSnapshot.after(whole(A, 1));
    Position next = mark.after(part(B, 0, 0, 9, false));
    assertThat(next).isEqualTo(new Position(B, 9, A + 8, true));
  }

  @Test
  void snapshotRowsLeaveAStreamedPositionAlone() {
    Position at = new Position(B, 9, A + 8, true);
    assertThat(at.after(snapshot(5))).isSameAs(at);
  }

  @Test
  void emptyFirstPartOfANewTransactionCoversNoneOfIt() {
    Position next = complete(A).after(emptyPart(B, 0, false));
    assertThat(next).isEqualTo(new Position(B, -1, A + 8, true));
    assertThat(next.covers(B, 0)).isFalse();
    assertThat(next.covers(A, Integer.MAX_VALUE)).isTrue();
  }

  @Test
  void emptyLaterPartKeepsTheIndex() {
    Position at = new Position(B, 9, A + 8, true);
    assertThat(at.after(emptyPart(B, 1, false))).isEqualTo(at);
  }

  @Test
  void emptyLastPartCompletesTheTransaction() {
    Position at = new Position(B, 9, A + 8, true);
    assertThat(at.after(emptyPart(B, 1, true))).isEqualTo(complete(B));
  }

  @Test
  void replayFromTheMiddleOfATransactionKeepsTheHigherIndex() {
    Position at = new Position(B, 19, A + 8, true);
    Position replayed = at.after(part(B, 0, 0, 9, false));
    assertThat(replayed).isEqualTo(at);
    assertThat(replayed.after(part(B, 1, 10, 19, false))).isEqualTo(at);
    assertThat(replayed.after(part(B, 2, 20, 29, false)))
        .isEqualTo(new Position(B, 29, A + 8, true));
  }

  @Test
  void replayOfACompletedTransactionChangesNothing() {
    Position at = complete(B);
    assertThat(at.after(part(B, 0, 0, 9, false))).isEqualTo(at);
    assertThat(at.after(part(B, 1, 10, 12, true))).isEqualTo(at);
  }

  @Test
  void olderTransactionChangesNothing() {
    Position at = new Position(B, 3, A + 8, true);
    assertThat(at.after(whole(A, 5))).isSameAs(at);
    assertThat(at.after(part(A, 0, 0, 4, false))).isSameAs(at);
  }

  @Test
  void theEndNeverMovesBack() {
    Position at = new Position(B, 3, B + 100, true);
    assertThat(at.after(part(B, 1, 4, 5, true)).endLsn()).isEqualTo(B + 100);
  }

  @Test
  void coversEverythingBeforeTheCommitAndTheIndexAtIt() {
    Position at = new Position(B, 9, A + 8, true);
    assertThat(at.covers(B - 1, Integer.MAX_VALUE)).isTrue();
    assertThat(at.covers(B, 8)).isTrue();
    assertThat(at.covers(B, 9)).isTrue();
    assertThat(at.covers(B, 10)).isFalse();
    assertThat(at.covers(B + 1, 0)).isFalse();
    assertThat(Position.NONE.covers(A, 0)).isFalse();
    assertThat(Position.NONE.covers(0, 0)).isFalse();
  }

  @Test
  void aPartSplitAtEveryBoundaryIsAppliedWholeAfterAPreviousTransaction() {
    for (int total : new int[] {1, 9, 10, 11, 25}) {
      for (int size : new int[] {1, 9, 10, 11}) {
        Position at = complete(A);
        int applied = 0;
        for (int from = 0, part = 0; from < total; from += size, part++) {
          int to = Math.min(total, from + size) - 1;
          Transaction p = part(B, part, from, to, to == total - 1);
          for (ChangeEvent e : p.events()) {
            applied += at.covers(p.commitLsn(), e.index()) ? 0 : 1;
          }
          at = at.after(p);
        }
        assertThat(applied).as("%d events in parts of %d", total, size).isEqualTo(total);
        assertThat(at).isEqualTo(complete(B));
      }
    }
  }

  @Test
  void snapshotRowsAreAppliedUntilAChangeAfterTheirPointIs() {
    Transaction rows = snapshot(A - 10, 3);
    ChangeEvent row = rows.events().get(0);
    assertThat(Position.NONE.covers(rows, row)).isFalse();
    Position afterRows = Position.NONE.after(rows);
    assertThat(afterRows.covers(rows, row)).as("a replay before any change is harmless").isFalse();
    Position afterChange = afterRows.after(part(A, 0, 0, 4, false));
    assertThat(afterChange.covers(rows, row))
        .as("a replayed snapshot row would undo the change")
        .isTrue();
  }

  @Test
  void aSnapshotAtThePositionsOwnCommitIsNotCounted() {
    Transaction at = snapshot(B, 1);
    assertThat(complete(B).covers(at, at.events().get(0))).isFalse();
    assertThat(complete(B + 1).covers(at, at.events().get(0))).isTrue();
  }

  @Test
  void aLaterSnapshotIsApplied() {
    Transaction later = snapshot(B + 100, 2);
    assertThat(complete(B).covers(later, later.events().get(1))).isFalse();
  }

  @Test
  void coversAStreamedEventByItsCommitAndIndex() {
    Transaction tx = part(B, 1, 10, 11, false);
    Position at = new Position(B, 10, A + 8, true);
    assertThat(at.covers(tx, tx.events().get(0))).isTrue();
    assertThat(at.covers(tx, tx.events().get(1))).isFalse();
  }

  @Test
  void rejectsAnIndexBelowNone() {
    assertThatThrownBy(() -> new Position(A, -2, 0, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-2");
  }

  @Test
  void namesACompleteIndex() {
    assertThat(complete(A).toString()).contains("index=complete");
    assertThat(new Position(A, 4, 0, false).toString()).contains("index=4").doesNotContain("done");
  }
}
