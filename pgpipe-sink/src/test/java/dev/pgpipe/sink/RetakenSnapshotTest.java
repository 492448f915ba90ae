package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.testkit.CapturedLogs;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A snapshot cut short and taken again at a later LSN ({@link SnapshotGenerations}): the target
 * holds the newer snapshot's rows only, whatever the earlier attempt left and however the parts are
 * batched or delivered again, also when the newer one finds a table, or every table, empty, and for
 * a table that joined after the older one; a source's first snapshot keeps the rows that were there
 * before.
 */
@WithPostgres
class RetakenSnapshotTest {

  private static final long FIRST = 1_000;
  private static final long SECOND = 2_000;

  /** The operator is told, once, which table the retake emptied and why. */
  @Test
  void rowsTheSourceDeletedBetweenTwoAttemptsAreGoneAndTheStreamFollows(TestDatabase target) {
    target.execute(table("retake"));
    try (TableSink sink = sink(target, "retake");
        CapturedLogs logs = CapturedLogs.start()) {
      sink.apply(
          List.of(
              new Events("retake", FIRST)
                  .snapshotRow(1, "a", 1)
                  .snapshotRow(2, "b", 2)
                  .snapshot()));
      assertThat(logs.warnings()).noneMatch(line -> line.contains("emptying"));
      sink.apply(
          List.of(
              new Events("retake", SECOND)
                  .snapshotRow(2, "b2", 2)
                  .snapshotRow(3, "c", 3)
                  .snapshot()));
      assertThat(Pair.rows(target, "retake")).isEqualTo("(2,b2,2) (3,c,3)");
      assertThat(logs.warnings())
          .filteredOn(line -> line.contains("emptying public.retake before the new rows"))
          .singleElement()
          .asString()
          .contains("took its snapshot again at 0/7D0");
      sink.apply(List.of(new Events("retake", SECOND + 10).insert(4, "d", 4).tx()));
    }
    assertThat(Pair.rows(target, "retake")).isEqualTo("(2,b2,2) (3,c,3) (4,d,4)");
  }

  @Test
  void theEndOfTheFirstAttemptAndTheStartOfTheSecondInOneBatch(TestDatabase target) {
    target.execute(table("one_batch"));
    try (TableSink sink = sink(target, "one_batch")) {
      sink.apply(List.of(new Events("one_batch", FIRST).snapshotRow(1, "a", 1).snapshot()));
      Transaction firstTail = new Events("one_batch", FIRST).snapshotRow(5, "e", 5).snapshot();
      Transaction secondHead = new Events("one_batch", SECOND).snapshotRow(2, "b", 2).snapshot();
      sink.apply(List.of(firstTail, secondHead));
    }
    assertThat(Pair.rows(target, "one_batch")).isEqualTo("(2,b,2)");
  }

  @Test
  void theFirstAttemptDeliveredAgainAfterTheSecondChangesNothing(TestDatabase target) {
    target.execute(table("again"));
    Transaction first =
        new Events("again", FIRST).snapshotRow(1, "a", 1).snapshotRow(9, "stale", 9).snapshot();
    Transaction second = new Events("again", SECOND).snapshotRow(1, "a2", 1).snapshot();
    try (TableSink sink = sink(target, "again")) {
      sink.apply(List.of(first));
      sink.apply(List.of(second));
      sink.apply(List.of(first));
      sink.apply(List.of(second));
    }
    assertThat(Pair.rows(target, "again")).isEqualTo("(1,a2,1)");
  }

  @Test
  void aTableTheSourceEmptiedBetweenTheAttemptsIsEmptiedThoughTheSecondHasNoRowsOfIt(
      TestDatabase target) {
    target.execute(table("keeps"), table("emptied"));
    try (TableSink sink = sink(target, "keeps", "emptied")) {
      sink.apply(
          List.of(
              new Events("keeps", FIRST).snapshotRow(1, "k", 1).snapshot(),
              new Events("emptied", FIRST).snapshotRow(1, "gone", 1).snapshot()));
      sink.apply(List.of(new Events("keeps", SECOND).snapshotRow(1, "k", 1).snapshot()));
    }
    assertThat(Pair.rows(target, "keeps")).isEqualTo("(1,k,1)");
    assertThat(Pair.rows(target, "emptied")).isEmpty();
  }

  @Test
  void aSecondSnapshotWithNoRowsAtAllEmptiesEveryTableTheFirstFilled(TestDatabase target) {
    target.execute(table("all_gone"), table("also_gone"));
    try (TableSink sink = sink(target, "all_gone", "also_gone")) {
      sink.apply(
          List.of(
              new Events("all_gone", FIRST).snapshotRow(1, "a", 1).snapshot(),
              new Events("also_gone", FIRST).snapshotRow(2, "b", 2).snapshot()));
      sink.apply(
          List.of(
              new Events("all_gone", SECOND).emptyInSnapshot().snapshot(),
              new Events("also_gone", SECOND).emptyInSnapshot().snapshot()));
    }
    assertThat(Pair.rows(target, "all_gone")).isEmpty();
    assertThat(Pair.rows(target, "also_gone")).isEmpty();
  }

  @Test
  void aTableEmptyInTheFirstSnapshotIsEmptiedByTheSecondOfWhatTheStreamAddedBetween(
      TestDatabase target) {
    target.execute(table("filled_later"));
    try (TableSink sink = sink(target, "filled_later")) {
      sink.apply(List.of(new Events("filled_later", FIRST).emptyInSnapshot().snapshot()));
      sink.apply(List.of(new Events("filled_later", FIRST + 10).insert(5, "streamed", 5).tx()));
      assertThat(Pair.rows(target, "filled_later")).isEqualTo("(5,streamed,5)");

      sink.apply(List.of(new Events("filled_later", SECOND).emptyInSnapshot().snapshot()));
      assertThat(Pair.rows(target, "filled_later")).isEmpty();
      sink.apply(List.of(new Events("filled_later", SECOND + 10).insert(6, "after", 6).tx()));
    }
    assertThat(Pair.rows(target, "filled_later")).isEqualTo("(6,after,6)");
  }

  @Test
  void aMarkOfTheFirstAttemptDeliveredAgainAfterTheSecondEmptiesNothing(TestDatabase target) {
    target.execute(table("mark_again"));
    Transaction firstMark = new Events("mark_again", FIRST).emptyInSnapshot().snapshot();
    try (TableSink sink = sink(target, "mark_again")) {
      sink.apply(List.of(firstMark));
      sink.apply(List.of(new Events("mark_again", SECOND).snapshotRow(1, "a", 1).snapshot()));
      sink.apply(List.of(firstMark));
    }
    assertThat(Pair.rows(target, "mark_again")).isEqualTo("(1,a,1)");
  }

  @Test
  void aTableThatJoinedAfterTheFirstSnapshotIsEmptiedByTheRetakeThatCopiesIt(TestDatabase target) {
    target.execute(table("from_start"), table("joined"), table("joined_too"));
    try (TableSink sink = sink(target, "from_start", "joined", "joined_too")) {
      sink.apply(List.of(new Events("from_start", FIRST).snapshotRow(1, "a", 1).snapshot()));
      sink.apply(
          List.of(
              new Events("joined", FIRST + 10).insert(1, "deleted later", 1).insert(2, "b", 2).tx(),
              new Events("joined_too", FIRST + 20).insert(7, "deleted later", 7).tx()));

      sink.apply(List.of(new Events("from_start", SECOND).snapshotRow(1, "a", 1).snapshot()));
      sink.apply(List.of(new Events("joined", SECOND).snapshotRow(2, "b", 2).snapshot()));
      sink.apply(List.of(new Events("joined_too", SECOND).emptyInSnapshot().snapshot()));
      sink.apply(List.of(new Events("joined", SECOND).snapshotRow(3, "c", 3).snapshot()));
    }
    assertThat(Pair.rows(target, "from_start")).isEqualTo("(1,a,1)");
    assertThat(Pair.rows(target, "joined")).isEqualTo("(2,b,2) (3,c,3)");
    assertThat(Pair.rows(target, "joined_too")).isEmpty();
  }

  @Test
  void theFirstSnapshotKeepsRowsAlreadyThereAndEmptiesOnlyTablesItFilled(TestDatabase target) {
    target.execute(
        table("kept"),
        table("other"),
        loadedBefore("kept"),
        "INSERT INTO other VALUES (7, 'o', 7)");
    try (TableSink sink = sink(target, "kept", "other")) {
      sink.apply(List.of(new Events("kept", FIRST).snapshotRow(1, "a", 1).snapshot()));
      assertThat(Pair.rows(target, "kept")).isEqualTo("(1,a,1) (100,\"loaded before\",0)");
      sink.apply(List.of(new Events("kept", SECOND).snapshotRow(1, "a", 1).snapshot()));
    }
    assertThat(Pair.rows(target, "kept")).isEqualTo("(1,a,1)");
    assertThat(Pair.rows(target, "other")).isEqualTo("(7,o,7)");
  }

  @Test
  void aFirstSnapshotOverSeveralBatchesKeepsRowsAlreadyThereInEachTable(TestDatabase target) {
    target.execute(table("first_part"), table("later_part"), loadedBefore("later_part"));
    try (TableSink sink = sink(target, "first_part", "later_part")) {
      sink.apply(List.of(new Events("first_part", FIRST).snapshotRow(1, "a", 1).snapshot()));
      sink.apply(List.of(new Events("later_part", FIRST).snapshotRow(2, "b", 2).snapshot()));
    }
    assertThat(Pair.rows(target, "later_part")).isEqualTo("(100,\"loaded before\",0) (2,b,2)");
    assertThat(
            target.strings(
                "SELECT table_name || ' ' || snapshot_lsn FROM pgpipe.sink_snapshots"
                    + " WHERE source_id = 'retaken_first_part' ORDER BY 1"))
        .as("both tables recorded as filled by the first snapshot, the later batch's too")
        .containsExactly("first_part 0/3E8", "later_part 0/3E8");
  }

  @Test
  void aFirstSnapshotCutShortAndTakenAgainKeepsRowsAlreadyThereInTablesItHadNotReached(
      TestDatabase target) {
    target.execute(table("reached"), table("not_reached"), loadedBefore("not_reached"));
    try (TableSink sink = sink(target, "reached", "not_reached")) {
      sink.apply(List.of(new Events("reached", FIRST).snapshotRow(9, "gone", 9).snapshot()));

      sink.apply(List.of(new Events("reached", SECOND).snapshotRow(1, "a", 1).snapshot()));
      sink.apply(List.of(new Events("not_reached", SECOND).snapshotRow(2, "b", 2).snapshot()));
    }
    assertThat(Pair.rows(target, "reached")).isEqualTo("(1,a,1)");
    assertThat(Pair.rows(target, "not_reached")).isEqualTo("(100,\"loaded before\",0) (2,b,2)");
  }

  @Test
  void aSnapshotOlderThanTheAppliedStreamIsSkippedAndEmptiesNothing(TestDatabase target) {
    target.execute(table("behind_stream"));
    try (TableSink sink = sink(target, "behind_stream")) {
      sink.apply(List.of(new Events("behind_stream", FIRST).snapshotRow(1, "a", 1).snapshot()));
      sink.apply(List.of(new Events("behind_stream", SECOND).insert(2, "b", 2).tx()));
      sink.apply(
          List.of(new Events("behind_stream", SECOND - 1).snapshotRow(3, "old", 3).snapshot()));
    }
    assertThat(Pair.rows(target, "behind_stream")).isEqualTo("(1,a,1) (2,b,2)");
  }

  @Test
  void aResetEmptiesTheTablesAndForgetsTheSnapshotSoAnyNewOneApplies(TestDatabase target) {
    target.execute(table("reset_me"));
    try (TableSink sink = sink(target, "reset_me")) {
      sink.apply(List.of(new Events("reset_me", FIRST - 1).snapshotRow(9, "z", 9).snapshot()));
      sink.apply(List.of(new Events("reset_me", FIRST + 10).insert(5, "streamed", 5).tx()));
      sink.apply(List.of(new Events("reset_me", SECOND).snapshotRow(1, "a", 1).snapshot()));
      String records =
          "SELECT (SELECT count(*) FROM pgpipe.sink_snapshots WHERE source_id = 'retaken_reset_me')"
              + " || ',' || (SELECT count(*) FROM pgpipe.sink_snapshot_retakes"
              + " WHERE source_id = 'retaken_reset_me')";
      assertThat(target.strings(records))
          .as("the table's snapshot and the retake recorded")
          .containsExactly("1,1");

      sink.reset(List.of("public.reset_me"));

      assertThat(Pair.rows(target, "reset_me")).isEmpty();
      assertThat(sink.recorded()).isFalse();
      assertThat(
              target.strings(
                  "SELECT (SELECT count(*) FROM pgpipe.sink_snapshots WHERE source_id = 'retaken_"
                      + "reset_me') + (SELECT count(*) FROM pgpipe.sink_snapshot_retakes"
                      + " WHERE source_id = 'retaken_reset_me')"))
          .as("the source's snapshots and retake forgotten")
          .containsExactly("0");
      sink.apply(List.of(new Events("reset_me", FIRST).snapshotRow(2, "b", 2).snapshot()));
    }
    assertThat(Pair.rows(target, "reset_me")).isEqualTo("(2,b,2)");
  }

  private static TableSink sink(TestDatabase target, String... tables) {
    return TableSink.open(
        SinkConfig.builder()
            .url(target.url())
            .sourceId("retaken_" + tables[0])
            .tables(List.of(tables))
            .build());
  }

  /** A target table of the events' shape ({@link Events}). */
  private static String table(String name) {
    return "CREATE TABLE " + name + " (id int8 PRIMARY KEY, v text, n int4)";
  }

  /** A row the target had before any snapshot: {@code (100, 'loaded before', 0)}. */
  private static String loadedBefore(String table) {
    return "INSERT INTO " + table + " VALUES (100, 'loaded before', 0)";
  }
}
