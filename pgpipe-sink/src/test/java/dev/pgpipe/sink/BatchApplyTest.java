package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.client.PgException;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One batch in one target transaction: what it skips, what it dead-letters and with which facts,
 * what it leaves to a retry of the whole transaction, and what it reports.
 */
@WithPostgres
@ParameterizedClass
@EnumSource(ApplyPath.class)
class BatchApplyTest {

  private final ApplyPath path;

  BatchApplyTest(ApplyPath path) {
    this.path = path;
  }

  private TableSink sink(TestDatabase db, String... tables) {
    db.execute(
        "DROP TABLE IF EXISTS t, narrow, flaky, gone",
        "DROP SEQUENCE IF EXISTS attempts, runs, last_xid",
        "CREATE TABLE t (id int8 PRIMARY KEY, v text, n int4 CHECK (n >= 0))",
        "CREATE TABLE narrow (id int8 PRIMARY KEY, v text)",
        "DROP SCHEMA IF EXISTS pgpipe CASCADE");
    return TableSink.open(
        path.force(SinkConfig.builder())
            .url(db.url())
            .sourceId("batch")
            .tables(List.of(tables))
            .reconnectFor(Duration.ZERO)
            .build());
  }

  private static List<Map<String, @Nullable Object>> deadLetters(TableSink sink) {
    return sink.database()
        .sql(
            "SELECT table_name, commit_lsn::text AS lsn, error, sql_state, event->'after'->>'id' AS id"
                + " FROM pgpipe.sink_dead_letters ORDER BY id")
        .asMaps()
        .list();
  }

  private static long count(TableSink sink, String table) {
    return sink.database().sql("SELECT count(*) FROM " + table).scalar(Long.class);
  }

  @Test
  void aRefusedRowIsDeadLetteredWithTheServersErrorItsStateAndItsCommitLsn(TestDatabase db) {
    try (TableSink sink = sink(db, "t")) {
      ApplyResult result =
          sink.apply(
              List.of(
                  new Events("t", 0x10).insert(1, "a", 1).tx(),
                  new Events("t", 0x20).insert(2, "b", -1).insert(3, "c", 3).tx()));
      assertThat(result.deadLettered()).isEqualTo(1);
      assertThat(deadLetters(sink))
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.get("lsn")).isEqualTo("0/20");
                assertThat(d.get("id")).isEqualTo("2");
                assertThat(d.get("sql_state")).isEqualTo("23514");
                assertThat((String) d.get("error"))
                    .startsWith("ERROR: new row for relation \"t\" violates check constraint")
                    .doesNotContain("Batch entry");
              });
      assertThat(count(sink, "t")).isEqualTo(2);
    }
  }

  @Test
  void aWhitelistedTableTheTargetLacksIsCreatedFromTheEventsShape_inTheBatchsTransaction(
      TestDatabase db) {
    try (TableSink sink = sink(db, "t", "gone")) {
      ApplyResult result =
          sink.apply(
              List.of(
                  new Events("t", 0x10).insert(1, "a", 1).tx(),
                  new Events("gone", 0x20).insert(7, "x", 1).update(7, "y", 2).tx()));
      assertThat(result.deadLettered()).isZero();
      assertThat(deadLetters(sink)).isEmpty();
      assertThat(count(sink, "gone")).isEqualTo(1);
      assertThat(sink.database().sql("SELECT v || n FROM gone WHERE id = 7").scalar(String.class))
          .isEqualTo("y2");
      assertThat(sink.position().commitLsn()).isEqualTo(0x20);
    }
  }

  /**
   * A batch's first attempt takes no savepoint: when the target refuses a row, the whole
   * transaction is rolled back, with the table it created and the column it added, and the batch is
   * applied again under savepoints. The schema changes are made once, the refused row alone is dead
   * lettered, the rest is applied once, and the next batch finds the target as it was left.
   */
  @Test
  void aRefusalAfterSchemaChangesInTheSameBatch_theRetryMakesThemOnce(TestDatabase db) {
    try (TableSink sink = sink(db, "t", "gone", "narrow")) {
      ApplyResult result =
          sink.apply(
              List.of(
                  new Events("gone", 0x10).insert(7, "x", 1).tx(),
                  new Events("narrow", 0x20).insert(1, "a", 1).tx(),
                  new Events("t", 0x30).insert(2, "b", -1).insert(3, "c", 3).tx()));
      assertThat(result.deadLettered()).isEqualTo(1);
      assertThat(deadLetters(sink)).extracting(d -> d.get("id")).containsExactly("2");
      assertThat(count(sink, "gone")).isEqualTo(1);
      assertThat(count(sink, "narrow")).isEqualTo(1);
      assertThat(count(sink, "t")).isEqualTo(1);
      assertThat(sink.position().commitLsn()).isEqualTo(0x30);

      sink.apply(
          List.of(
              new Events("gone", 0x40).update(7, "y", 2).tx(),
              new Events("narrow", 0x50).insert(2, "b", 2).tx()));
      assertThat(
              sink.database()
                  .sql("SELECT string_agg(v || n, ',' ORDER BY id) FROM narrow")
                  .scalar(String.class))
          .isEqualTo("a1,b2");
      assertThat(sink.database().sql("SELECT v || n FROM gone").scalar(String.class))
          .isEqualTo("y2");
      assertThat(deadLetters(sink)).hasSize(1);
    }
  }

  @Test
  void anEventWithAColumnTheTargetLacksAddsTheColumn_andTheRestIsApplied(TestDatabase db) {
    try (TableSink sink = sink(db, "t", "narrow")) {
      ApplyResult result =
          sink.apply(
              List.of(
                  new Events("narrow", 0x10).insert(1, "a", 1).tx(),
                  new Events("t", 0x20).insert(2, "b", 2).tx()));
      assertThat(result.deadLettered()).isZero();
      assertThat(sink.database().sql("SELECT n FROM narrow WHERE id = 1").scalar(Integer.class))
          .isEqualTo(1);
      assertThat(count(sink, "t")).isEqualTo(1);
    }
  }

  @Test
  void anEventWithoutItsKeyIsDeadLetteredAsItselfAndTheRestApplied(TestDatabase db) {
    try (TableSink sink = sink(db, "t")) {
      ApplyResult result =
          sink.apply(
              List.of(
                  new Events("t", 0x30).insert(1, "a", 1).keyless("b", 2).insert(3, "c", 3).tx()));

      assertThat(result.deadLettered()).isEqualTo(1);
      assertThat(deadLetters(sink))
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.get("lsn")).isEqualTo("0/30");
                assertThat((String) d.get("error")).contains("no value for the key");
              });
      assertThat(count(sink, "t")).isEqualTo(2);
    }
  }

  @Test
  void eventsOfOtherTablesAreIgnoredAndCountedOnceWhenTheBatchIsBisected(TestDatabase db) {
    try (TableSink sink = sink(db, "t")) {
      ApplyResult result =
          sink.apply(
              List.of(
                  new Events("t", 0x10).insert(1, "a", 1).tx(),
                  new Events("elsewhere", 0x20).insert(2, "b", 2).tx(),
                  new Events("t", 0x30).insert(3, "c", -1).insert(4, "d", 4).tx()));
      assertThat(result.ignored()).isEqualTo(1);
      assertThat(result.deadLettered()).isEqualTo(1);
      assertThat(result.events()).isEqualTo(4);
      assertThat(count(sink, "t")).isEqualTo(2);
    }
  }

  /**
   * A batch's first attempt takes no savepoint, so its rows are written by the transaction itself;
   * once the target refused something, the batch applied again writes each range under a savepoint,
   * so by subtransactions. Each row's {@code xmin} shows which. (The batch updates a row, so it is
   * not all new: an all-new step goes by direct COPY, which takes a savepoint of its own.)
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void onlyABatchAppliedAgainAfterARefusalTakesSavepoints(boolean refused, TestDatabase db) {
    try (TableSink sink = sink(db, "t")) {
      sink.apply(List.of(new Events("t", 0x10).insert(0, "a", 0).tx()));
      recordTopLevelTransactions(db, false);

      sink.apply(
          List.of(new Events("t", 0x20).update(0, "b", 1).insert(1, "c", refused ? -1 : 1).tx()));

      assertThat(writtenByTheTopLevelTransaction(db))
          .isEqualTo(refused ? List.of("0 false") : List.of("0 true", "1 true"));
      assertThat(sink.deadLetters()).isEqualTo(refused ? 1 : 0);
    }
  }

  /**
   * A batch applied inside a transaction already running on the sink's database joins it, which it
   * cannot roll back alone: it takes savepoints from the start, so a refused row is dead-lettered
   * and the rest applied, in the caller's transaction.
   */
  @Test
  void aBatchInsideTheCallersTransactionDeadLettersARefusedRowAndAppliesTheRest(TestDatabase db) {
    try (TableSink sink = sink(db, "t")) {
      ApplyResult result =
          sink.database()
              .inTransaction(
                  tx ->
                      sink.apply(
                          List.of(
                              new Events("t", 0x10).insert(1, "a", 1).insert(2, "b", -1).tx())));

      assertThat(result.deadLettered()).isEqualTo(1);
      assertThat(deadLetters(sink)).extracting(d -> d.get("id")).containsExactly("2");
      assertThat(count(sink, "t")).isEqualTo(1);
      assertThat(sink.position().commitLsn()).isEqualTo(0x10);
    }
  }

  /**
   * A deadlock in the first attempt, which takes no savepoint, is a transient failure like any
   * other: the transaction runs again as it was (no savepoint), and the deadlock is never taken for
   * a refusal of the rows.
   */
  @Test
  void aDeadlockInTheFirstAttemptIsRetriedNotTakenForARefusal(TestDatabase db) {
    try (TableSink sink = sink(db, "t")) {
      sink.apply(List.of(new Events("t", 0x10).insert(0, "a", 0).tx()));
      db.execute("CREATE SEQUENCE attempts");
      recordTopLevelTransactions(db, true);

      sink.apply(List.of(new Events("t", 0x20).update(0, "b", 1).insert(1, "c", 1).tx()));

      assertThat(writtenByTheTopLevelTransaction(db)).containsExactly("0 true", "1 true");
      assertThat(sink.deadLetters()).isZero();
    }
  }

  /**
   * Records, for each row written to {@code t}, the top-level transaction that wrote it; with
   * {@code deadlockFirst}, the first row written (counted by sequence {@code attempts}) fails with
   * a deadlock.
   */
  private static void recordTopLevelTransactions(TestDatabase db, boolean deadlockFirst) {
    db.execute(
        "DROP TABLE IF EXISTS tops",
        "CREATE TABLE tops (id int8, top xid)",
        "CREATE OR REPLACE FUNCTION top() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + (deadlockFirst
                ? " IF nextval('attempts') = 1 THEN"
                    + " RAISE EXCEPTION 'deadlock' USING ERRCODE = 'deadlock_detected'; END IF;"
                : "")
            + " INSERT INTO tops VALUES (NEW.id, xid(pg_current_xact_id())); RETURN NEW; END $$",
        "CREATE TRIGGER top BEFORE INSERT OR UPDATE ON t FOR EACH ROW EXECUTE FUNCTION top()");
  }

  /** Per row of {@code t} written since {@link #recordTopLevelTransactions}: "id true|false". */
  private static List<String> writtenByTheTopLevelTransaction(TestDatabase db) {
    return db.strings(
        "SELECT t.id || ' ' || bool_and(t.xmin = tops.top) FROM t JOIN tops USING (id)"
            + " GROUP BY t.id ORDER BY t.id");
  }

  @Test
  void aRowThatDeadlocksWhenRetriedAloneIsRetriedWithItsTransactionNotDeadLettered(
      TestDatabase db) {
    try (TableSink sink = sink(db, "t")) {
      db.execute(
          "CREATE SEQUENCE attempts",
          "CREATE OR REPLACE FUNCTION flaky() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
              + " IF nextval('attempts') = 1 THEN"
              + "   RAISE EXCEPTION 'refused' USING ERRCODE = 'check_violation';"
              + " END IF;"
              + " RAISE EXCEPTION 'deadlock' USING ERRCODE = 'deadlock_detected'; END $$",
          "CREATE TRIGGER flaky BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION flaky()");
      assertThatThrownBy(() -> sink.apply(List.of(new Events("t", 0x10).insert(1, "a", 1).tx())))
          .isInstanceOfSatisfying(
              PgException.class, e -> assertThat(e.sqlState()).isEqualTo("40P01"));
      assertThat(sink.deadLetters()).isZero();
      assertThat(sink.position()).isEqualTo(Position.NONE);
    }
  }

  @Test
  void aTransientFailureEndsTheAttemptInsteadOfBisectingTheBatch(TestDatabase db) {
    try (TableSink sink = sink(db, "t")) {
      db.execute(
          "CREATE SEQUENCE runs",
          "CREATE SEQUENCE attempts",
          "CREATE SEQUENCE last_xid",
          "CREATE OR REPLACE FUNCTION deadlocked() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
              + " IF NEW.id = 9 THEN"
              + "   IF (SELECT last_value FROM last_xid) <> txid_current() THEN"
              + "     PERFORM nextval('attempts'); PERFORM setval('last_xid', txid_current());"
              + "   END IF;"
              + "   PERFORM nextval('runs');"
              + "   RAISE EXCEPTION 'deadlock' USING ERRCODE = 'deadlock_detected';"
              + " END IF; RETURN NEW; END $$",
          "CREATE TRIGGER deadlocked BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION deadlocked()");
      Events first = new Events("t", 0x10).insert(9, "x", 1).insert(10, "y", 1);
      assertEveryAttemptRanTheRowOnce(sink, db, first.tx());
      Events afterARefusal = new Events("t", 0x20).insert(8, "bad", -1).insert(9, "x", 1);
      assertEveryAttemptRanTheRowOnce(sink, db, afterARefusal.insert(10, "y", 1).tx());
    }
  }

  /**
   * Applies a batch holding row 9, which always deadlocks: each attempt ran it once, then gave up.
   */
  private static void assertEveryAttemptRanTheRowOnce(
      TableSink sink, TestDatabase db, Transaction batch) {
    db.execute("ALTER SEQUENCE runs RESTART", "ALTER SEQUENCE attempts RESTART");
    assertThatThrownBy(() -> sink.apply(List.of(batch)))
        .isInstanceOfSatisfying(
            PgException.class, e -> assertThat(e.sqlState()).isEqualTo("40P01"));
    String runs = Pair.text(db, "SELECT last_value FROM runs");
    String attempts = Pair.text(db, "SELECT last_value FROM attempts");
    assertThat(Integer.parseInt(attempts)).as("the transaction was retried").isGreaterThan(1);
    assertThat(runs).as("runs of the deadlocking row").isEqualTo(attempts);
    assertThat(sink.deadLetters()).isZero();
  }

  @Test
  void aBatchPartlyAppliedBeforeAppliesTheRestAndCountsWhatItSkipped(TestDatabase db) {
    try (TableSink sink = sink(db, "t")) {
      Events big = new Events("t", 0x20);
      for (int id = 10; id < 16; id++) {
        big.insert(id, "big", id);
      }
      sink.apply(List.of(new Events("t", 0x10).insert(1, "a", 1).tx(), big.part(0, 0, 4, false)));
      Transaction snapshot =
          new Transaction(
              0,
              5,
              5,
              0,
              Instant.EPOCH,
              new Events("t", 5).insert(2, "s", 2).tx().events(),
              0,
              true);
      ApplyResult again =
          sink.apply(
              List.of(
                  snapshot,
                  new Events("t", 0x10).insert(1, "a", 1).tx(),
                  big.part(0, 0, 4, false),
                  big.part(1, 4, 6, true)));
      assertThat(again.events()).isEqualTo(8);
      assertThat(again.skipped())
          .as(
              "the snapshot row taken before applied changes (a replay), the first transaction"
                  + " and part 0")
          .isEqualTo(6);
      assertThat(again.position()).isEqualTo(new Position(0x20, Position.COMPLETE, 0x21, true));
      assertThat(count(sink, "t")).isEqualTo(7);
      assertThat(sink.deadLetters()).isZero();
    }
  }
}
