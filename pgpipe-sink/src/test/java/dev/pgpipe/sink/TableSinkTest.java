package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.Unchanged;
import dev.pgpipe.client.Database;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The sink alone, fed hand-made transactions, against a real target database. */
@WithPostgres
@ParameterizedClass
@EnumSource(ApplyPath.class)
class TableSinkTest {

  private final ApplyPath path;

  TableSinkTest(ApplyPath path) {
    this.path = path;
  }

  private TableSink sink(TestDatabase db, ConflictStrategy strategy) {
    db.execute(
        "DROP TABLE IF EXISTS t",
        "CREATE TABLE t (id int8 PRIMARY KEY, v text, n int4 CHECK (n >= 0))",
        "DROP SCHEMA IF EXISTS pgpipe CASCADE");
    return TableSink.open(
        path.force(SinkConfig.builder())
            .url(db.url())
            .sourceId("test")
            .conflictStrategy(strategy)
            .tables(List.of("t"))
            .build());
  }

  private static List<Map<String, Object>> rows(TableSink sink) {
    return sink.database().sql("SELECT id, v, n FROM t ORDER BY id").asMaps().list().stream()
        .map(
            m ->
                (Map<String, Object>)
                    Map.copyOf(
                        m.entrySet().stream()
                            .filter(e -> e.getValue() != null)
                            .collect(
                                java.util.stream.Collectors.toMap(
                                    Map.Entry::getKey, Map.Entry::getValue))))
        .toList();
  }

  @Test
  void changesToOneKeyKeepTheirOrderWithinAndAcrossBatches(TestDatabase db) {
    try (TableSink sink = sink(db, ConflictStrategy.INSERT)) {
      sink.apply(
          List.of(
              new Events("t", 100)
                  .insert(1, "a", 1)
                  .update(1, "b", 2)
                  .delete(1)
                  .insert(1, "c", 3)
                  .insert(2, "x", 0)
                  .tx(),
              new Events("t", 200).delete(2).insert(2, "y", 5).update(1, "d", 4).tx()));
      sink.apply(List.of(new Events("t", 300).delete(1).insert(3, "z", 6).tx()));
      assertThat(rows(sink))
          .containsExactly(Map.of("id", 2L, "v", "y", "n", 5), Map.of("id", 3L, "v", "z", "n", 6));
      assertThat(sink.deadLetters()).isZero();
    }
  }

  @Test
  void transactionInPartsAfterAnotherIsAppliedWhole(TestDatabase db) {
    try (TableSink sink = sink(db, ConflictStrategy.INSERT)) {
      sink.apply(List.of(new Events("t", 100).insert(1, "first", 0).tx()));
      Events big = new Events("t", 200);
      for (int id = 10; id < 35; id++) {
        big.insert(id, "big", id);
      }
      List<dev.pgpipe.cdc.ChangeEvent> events = big.tx().events();
      for (int from = 0, part = 0; from < events.size(); from += 10, part++) {
        int to = Math.min(events.size(), from + 10);
        sink.apply(
            List.of(
                new dev.pgpipe.cdc.Transaction(
                    200,
                    199,
                    200,
                    201,
                    java.time.Instant.EPOCH,
                    events.subList(from, to),
                    part,
                    to == events.size())));
      }
      assertThat(sink.database().sql("SELECT count(*) FROM t").scalar(Long.class)).isEqualTo(26);
      assertThat(sink.position()).isEqualTo(new Position(200, Position.COMPLETE, 201, true));
    }
  }

  @Test
  void replayedBatchIsSkippedByTheLedger(TestDatabase db) {
    try (TableSink sink = sink(db, ConflictStrategy.INSERT)) {
      var batch = List.of(new Events("t", 500).insert(1, "a", 1).insert(2, "b", 2).tx());
      ApplyResult first = sink.apply(batch);
      ApplyResult again = sink.apply(batch);
      assertThat(first.skipped()).isZero();
      assertThat(again.skipped()).isEqualTo(2);
      assertThat(sink.deadLetters()).as("a replayed insert would conflict").isZero();
      assertThat(sink.position().commitLsn()).isEqualTo(500);
      assertThat(sink.position().endLsn()).isEqualTo(501);
    }
  }

  @Test
  void insertStrategyFailsOnConflictIntoDeadLetters(TestDatabase db) {
    try (TableSink sink = sink(db, ConflictStrategy.INSERT)) {
      db.execute("INSERT INTO t VALUES (1, 'old', 0)");
      ApplyResult result =
          sink.apply(List.of(new Events("t", 10).insert(1, "new", 1).insert(2, "b", 2).tx()));
      assertThat(result.deadLettered()).isEqualTo(1);
      assertThat(rows(sink))
          .containsExactly(
              Map.of("id", 1L, "v", "old", "n", 0), Map.of("id", 2L, "v", "b", "n", 2));
    }
  }

  @Test
  void upsertStrategyOverwritesExistingRows(TestDatabase db) {
    try (TableSink sink = sink(db, ConflictStrategy.UPSERT)) {
      db.execute("INSERT INTO t VALUES (1, 'old', 0)");
      sink.apply(List.of(new Events("t", 10).insert(1, "new", 1).update(3, "c", 3).tx()));
      assertThat(rows(sink))
          .containsExactly(
              Map.of("id", 1L, "v", "new", "n", 1), Map.of("id", 3L, "v", "c", "n", 3));
      assertThat(sink.deadLetters()).isZero();
    }
  }

  @Test
  void updateStrategyFailsWhenTheRowIsMissing(TestDatabase db) {
    try (TableSink sink = sink(db, ConflictStrategy.UPDATE)) {
      db.execute("INSERT INTO t VALUES (1, 'old', 0)");
      ApplyResult result =
          sink.apply(List.of(new Events("t", 10).update(1, "new", 1).update(3, "c", 3).tx()));
      assertThat(result.deadLettered()).isEqualTo(1);
      assertThat(rows(sink)).containsExactly(Map.of("id", 1L, "v", "new", "n", 1));
      String failed =
          sink.database()
              .sql("SELECT event->'after'->>'id' FROM pgpipe.sink_dead_letters")
              .scalar(String.class);
      assertThat(failed).isEqualTo("3");
    }
  }

  @Test
  void unchangedColumnsKeepTheTargetValueInBatchesMixedWithFullRows(TestDatabase db) {
    try (TableSink sink = sink(db, ConflictStrategy.UPSERT)) {
      db.execute("INSERT INTO t VALUES (1, 'big-1', 0), (2, 'big-2', 0)");
      sink.apply(
          List.of(
              new Events("t", 10)
                  .update(1, Unchanged.VALUE, 7)
                  .update(2, "replaced", 8)
                  .insert(3, "new", 9)
                  .insert(4, "four", 1)
                  .update(4, Unchanged.VALUE, 2)
                  .tx()));
      assertThat(rows(sink))
          .containsExactly(
              Map.of("id", 1L, "v", "big-1", "n", 7),
              Map.of("id", 2L, "v", "replaced", "n", 8),
              Map.of("id", 3L, "v", "new", "n", 9),
              Map.of("id", 4L, "v", "four", "n", 2));
    }
  }

  @Test
  void badValuesAndRejectedRowsGoToDeadLettersWithoutStoppingTheStream(TestDatabase db) {
    try (TableSink sink = sink(db, ConflictStrategy.UPSERT)) {
      var events = new Events("t", 10);
      for (int i = 1; i <= 1000; i++) {
        events.insert(i, "v" + i, i == 500 ? "not a number" : i == 700 ? -1 : i);
      }
      ApplyResult result = sink.apply(List.of(events.tx()));
      assertThat(result.deadLettered()).isEqualTo(2);
      assertThat(sink.database().sql("SELECT count(*) FROM t").scalar(Long.class)).isEqualTo(998);
      List<String> states =
          sink.database()
              .sql("SELECT sql_state FROM pgpipe.sink_dead_letters ORDER BY id")
              .map(r -> r.getString(1))
              .list();
      assertThat(states).containsExactly("22P02", "23514");
      sink.apply(List.of(new Events("t", 20).insert(5000, "after", 1).tx()));
      assertThat(sink.database().sql("SELECT count(*) FROM t").scalar(Long.class)).isEqualTo(999);
    }
  }

  @Test
  void keyChangesAndTruncatesApplyInOrder(TestDatabase db) {
    try (TableSink sink = sink(db, ConflictStrategy.UPSERT)) {
      sink.apply(
          List.of(
              new Events("t", 10)
                  .insert(1, "a", 1)
                  .moveKey(1, 10, Unchanged.VALUE, 2)
                  .insert(2, "b", 2)
                  .truncate()
                  .insert(3, "c", 3)
                  .moveKey(3, 30, "cc", 4)
                  .tx()));
      assertThat(rows(sink)).containsExactly(Map.of("id", 30L, "v", "cc", "n", 4));
    }
  }

  @Test
  void keyMovesInChainsAndSwapsKeepTheSourceOrderAndTheTargetsUnchangedValues(TestDatabase db) {
    try (TableSink sink = sink(db, ConflictStrategy.UPDATE)) {
      sink.apply(List.of(new Events("t", 10).insert(1, "a", 1).insert(2, "b", 2).tx()));
      sink.apply(
          List.of(
              new Events("t", 20)
                  .moveKey(1, 10, Unchanged.VALUE, 11) // 1 -> 10, v kept from the target
                  .moveKey(2, 1, "b2", 12) // into the key just vacated
                  .moveKey(10, 2, Unchanged.VALUE, 13) // and back: a swap through 10
                  .update(2, Unchanged.VALUE, 14)
                  .insert(3, "c", 3)
                  .moveKey(3, 4, "c2", 15) // a key inserted in the same batch
                  .tx(),
              new Events("t", 30).moveKey(4, 5, Unchanged.VALUE, 16).update(5, "c3", 17).tx()));

      assertThat(rows(sink))
          .containsExactly(
              Map.of("id", 1L, "v", "b2", "n", 12),
              Map.of("id", 2L, "v", "a", "n", 14),
              Map.of("id", 5L, "v", "c3", "n", 17));
      assertThat(sink.deadLetters()).isZero();
    }
  }

  @Test
  void keyMovesOfRowsTheBatchInsertedOrUpdatedFoldIntoItsNetRows(TestDatabase db) {
    try (TableSink sink = sink(db, ConflictStrategy.UPDATE)) {
      sink.apply(List.of(new Events("t", 10).insert(1, "kept", 1).insert(9, "gone", 9).tx()));
      sink.apply(
          List.of(
              new Events("t", 20)
                  .insert(2, "new", 2)
                  .moveKey(2, 20, Unchanged.VALUE, 21) // inserted in the batch: v comes along
                  .update(1, Unchanged.VALUE, 11)
                  .moveKey(1, 10, Unchanged.VALUE, Unchanged.VALUE) // carries n = 11, keeps v
                  .delete(9)
                  .insert(3, "three", 3)
                  .moveKey(3, 9, "nine", 99) // into a key the batch deleted
                  .tx()));

      assertThat(rows(sink))
          .containsExactly(
              Map.of("id", 9L, "v", "nine", "n", 99),
              Map.of("id", 10L, "v", "kept", "n", 11),
              Map.of("id", 20L, "v", "new", "n", 21));
      assertThat(sink.deadLetters()).isZero();
    }
  }

  @Test
  void twoSinksInOneTransactionAndColumnsNamedLikeStagingControlsStayApart(TestDatabase db) {
    db.execute(
        "DROP TABLE IF EXISTS ta, tb",
        "CREATE TABLE ta (id int8 PRIMARY KEY, v text, n int4)",
        "CREATE TABLE tb (id int8 PRIMARY KEY, \"_kind\" text, \"_unch\" int4)",
        "DROP SCHEMA IF EXISTS pgpipe CASCADE");
    try (Database shared = Database.builder().url(db.url()).open();
        TableSink a = TableSink.using(shared, config("a", "ta"));
        TableSink b = TableSink.using(shared, config("b", "tb"))) {
      shared.useTransaction(
          tx -> {
            a.apply(List.of(new Events("ta", 10).insert(1, "from-a", 1).tx()));
            b.apply(List.of(new Events("tb", 10, "_kind", "_unch").insert(2, "from-b", 2).tx()));
            b.apply(List.of(new Events("tb", 20, "_kind", "_unch").update(2, "b2", 3).tx()));
          });

      assertThat(shared.sql("SELECT id || v || n FROM ta").asMaps().list()).hasSize(1);
      assertThat(shared.sql("SELECT id || \"_kind\" || \"_unch\" FROM tb").scalar(String.class))
          .isEqualTo("2b23");
      assertThat(a.deadLetters() + b.deadLetters()).isZero();
    }
  }

  private SinkConfig config(String source, String table) {
    return path.force(SinkConfig.builder()).sourceId(source).tables(List.of(table)).build();
  }

  @Test
  void statementBaselineGivesTheSameRowsAsTheSetBasedPath(TestDatabase db) {
    try (TableSink sink = sink(db, ConflictStrategy.UPSERT)) {
      var batch =
          List.of(
              new Events("t", 10).insert(1, "a", 1).insert(2, "b", 2).update(1, "c", 3).tx(),
              new Events("t", 20).delete(2).insert(3, "d", 4).tx());
      sink.apply(batch);
      List<Map<String, Object>> setBased = rows(sink);
      db.execute("TRUNCATE t");
      assertThat(new StatementSink(sink.database()).apply(batch)).isEqualTo(5);
      assertThat(rows(sink)).isEqualTo(setBased).hasSize(2);
    }
  }
}
