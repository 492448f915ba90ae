package dev.pgpipe.sink.deadletter;

import static dev.pgpipe.sink.deadletter.Letters.apply;
import static dev.pgpipe.sink.deadletter.Letters.kinds;
import static dev.pgpipe.sink.deadletter.Letters.replay;
import static dev.pgpipe.sink.deadletter.Letters.rows;
import static dev.pgpipe.sink.deadletter.Letters.sink;
import static dev.pgpipe.sink.deadletter.Letters.store;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.sink.Events;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Replay} of the table sink's dead letters against a real target. */
@WithPostgres
class ReplayTest {

  private static final LetterFilter ALL = LetterFilter.ALL;

  @Test
  void replayAfterTheConstraintIsFixed_appliesEachRowOnceAndRemovesItsLetter(TestDatabase db) {
    try (TableSink sink = sink(db)) {
      apply(sink, new Events("t", 100).insert(1, "a", -1).insert(2, "b", 5).tx());
      apply(sink, new Events("t", 200).insert(3, "c", -3).tx());
      assertThat(sink.deadLetters()).isEqualTo(2);
      assertThat(rows(sink)).containsExactly("2:b:5");

      db.execute("ALTER TABLE t DROP CONSTRAINT t_n_not_negative");
      List<ReplayOutcome> outcomes = replay(sink).run(ALL, false, o -> {});

      assertThat(outcomes).allMatch(o -> o instanceof ReplayOutcome.Applied);
      assertThat(outcomes).extracting(o -> o.letter().commitLsn()).containsExactly(100L, 200L);
      assertThat(rows(sink)).containsExactly("1:a:-1", "2:b:5", "3:c:-3");
      assertThat(sink.deadLetters()).isZero();
      assertThat(replay(sink).run(ALL, false, o -> {})).isEmpty();
      assertThat(rows(sink)).hasSize(3);
      assertThat(sink.database().sql("SELECT count(*) FROM pgpipe.sink_ledger").scalar(Long.class))
          .as("a replay leaves no ledger row of its own")
          .isEqualTo(1);
    }
  }

  @Test
  void replayRefusedAgain_keepsTheLetterWithTheNewErrorAndOneMoreAttempt(TestDatabase db) {
    try (TableSink sink = sink(db)) {
      apply(sink, new Events("t", 100).insert(1, "a", -1).tx());
      db.execute(
          "ALTER TABLE t DROP CONSTRAINT t_n_not_negative",
          "ALTER TABLE t ADD CONSTRAINT t_n_above_ten CHECK (n > 10) NOT VALID");

      List<ReplayOutcome> outcomes = replay(sink).run(ALL, false, o -> {});

      assertThat(outcomes).hasSize(1);
      ReplayOutcome.FailedAgain failed = (ReplayOutcome.FailedAgain) outcomes.get(0);
      assertThat(failed.error()).contains("t_n_above_ten");
      assertThat(failed.sqlState()).isEqualTo("23514");
      assertThat(failed.attempts()).isEqualTo(2);
      DeadLetter kept = store(sink).list(ALL).get(0);
      assertThat(kept.id()).isEqualTo(failed.letter().id());
      assertThat(kept.error()).contains("t_n_above_ten");
      assertThat(kept.attempts()).isEqualTo(2);
      assertThat(rows(sink)).isEmpty();
      assertThat(sink.database().sql("SELECT count(*) FROM pgpipe.sink_ledger").scalar(Long.class))
          .isEqualTo(1);
    }
  }

  @Test
  void replayKeepsTheOriginalOrderAcrossKeys_andHoldsLaterLettersOfARowThatStays(TestDatabase db) {
    try (TableSink sink = sink(db)) {
      apply(sink, new Events("t", 100).insert(1, "a", -1).insert(2, "b", -2).tx());
      apply(sink, new Events("t", 200).update(2, "b2", -20).insert(3, "c", -3).tx());
      apply(sink, new Events("t", 300).update(1, "a2", -10).update(3, "c2", -30).tx());
      assertThat(store(sink).list(ALL))
          .extracting(DeadLetter::position)
          .containsExactly("0/64#0", "0/64#1", "0/C8#0", "0/C8#1", "0/12C#0", "0/12C#1");
      // key 2 refuses once more: its later update waits behind it
      db.execute(
          "ALTER TABLE t DROP CONSTRAINT t_n_not_negative",
          "ALTER TABLE t ADD CONSTRAINT t_not_b CHECK (v <> 'b') NOT VALID");
      List<String> seen = new ArrayList<>();

      List<ReplayOutcome> outcomes = replay(sink).run(ALL, true, o -> seen.add(o.letter().ref()));

      assertThat(kinds(outcomes).values())
          .containsExactly("Applied", "FailedAgain", "Held", "Applied", "Applied", "Applied");
      assertThat(seen).hasSize(6);
      assertThat(rows(sink)).containsExactly("1:a2:-10", "3:c2:-30");
      assertThat(store(sink).list(ALL))
          .extracting(DeadLetter::operation)
          .containsExactly("insert", "update");

      db.execute("ALTER TABLE t DROP CONSTRAINT t_not_b");
      assertThat(kinds(replay(sink).run(ALL, true, o -> {})).values())
          .containsExactly("Applied", "Applied");
      assertThat(rows(sink)).containsExactly("1:a2:-10", "2:b2:-20", "3:c2:-30");
    }
  }

  @Test
  void insertWhoseRowWasWrittenLater_isNotReplayedUnlessForced(TestDatabase db) {
    try (TableSink sink = sink(db)) {
      apply(sink, new Events("t", 100).insert(1, "old", -1).tx());
      apply(sink, new Events("t", 200).update(1, "new", 7).tx()); // upserted: the row exists now
      assertThat(rows(sink)).containsExactly("1:new:7");
      db.execute("ALTER TABLE t DROP CONSTRAINT t_n_not_negative");

      List<ReplayOutcome> kept = replay(sink).run(ALL, false, o -> {});

      assertThat(kept).singleElement().isInstanceOf(ReplayOutcome.Superseded.class);
      assertThat(((ReplayOutcome.Superseded) kept.get(0)).reason())
          .contains("(id)=(1)", "later change");
      assertThat(rows(sink)).containsExactly("1:new:7");
      assertThat(sink.deadLetters()).isEqualTo(1);

      assertThat(replay(sink).run(ALL, true, o -> {}))
          .singleElement()
          .isInstanceOf(ReplayOutcome.Applied.class);
      assertThat(rows(sink)).containsExactly("1:old:-1");
      assertThat(sink.deadLetters()).isZero();
    }
  }

  @Test
  void updatesAreNotReplayedUnlessForced_andAMissingTableIsARefusal(TestDatabase db) {
    try (TableSink sink = sink(db)) {
      apply(sink, new Events("t", 100).insert(1, "a", 1).tx());
      apply(sink, new Events("t", 200).update(1, "a", -1).tx());
      db.execute("ALTER TABLE t DROP CONSTRAINT t_n_not_negative");

      List<ReplayOutcome> outcomes = replay(sink).run(ALL, false, o -> {});
      assertThat(outcomes).singleElement().isInstanceOf(ReplayOutcome.Superseded.class);
      assertThat(((ReplayOutcome.Superseded) outcomes.get(0)).reason()).contains("--force");

      db.execute("ALTER TABLE t RENAME TO t_gone");
      sink.refreshCatalog();
      ReplayOutcome again = replay(sink).run(ALL, true, o -> {}).get(0);
      assertThat(again).isInstanceOf(ReplayOutcome.FailedAgain.class);
      assertThat(((ReplayOutcome.FailedAgain) again).error())
          .isEqualTo("target table public.t not found");
      assertThat(store(sink).list(ALL))
          .singleElement()
          .extracting(DeadLetter::attempts)
          .isEqualTo(2);
      db.execute("ALTER TABLE t_gone RENAME TO t");
    }
  }
}
