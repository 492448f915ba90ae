package dev.pgpipe.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.client.Database;
import dev.pgpipe.client.RunningTransaction;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link BatchWriter#closeWith}: the closing step commits in the transaction of the writer's last
 * rows, after every earlier batch (also one still loading on another connection), at one row under,
 * at and over a batch boundary; alone when no row is left; not at all when a batch was given up,
 * thrown or handled. A full batch with no next row still loads when its interval is due, and a
 * second close waits for the first.
 */
@WithPostgres
class CloseWithTest {

  @PgTable(name = "closing_events")
  record Event(long id, int kind) {}

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static Database db;
  private static TestDatabase database;

  /** Writes, in the final transaction, how many rows that transaction sees. */
  private static final Consumer<RunningTransaction> NOTE_ROWS_SEEN =
      tx -> tx.sql("INSERT INTO closing SELECT count(*) FROM closing_events").update();

  @BeforeAll
  static void open(TestDatabase testDatabase) {
    database = testDatabase;
    db = Database.open(database.url());
    db.sql("CREATE TABLE closing_events (id int8 NOT NULL, kind int4 NOT NULL)").update();
    db.sql("CREATE TABLE closing (rows_seen int8 NOT NULL)").update();
    db.sql(
            "CREATE FUNCTION refuse_kind_9() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.kind = 9 THEN RAISE EXCEPTION 'kind 9 refused'; END IF;"
                + " RETURN NEW; END $$")
        .update();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void empty() {
    db.sql("TRUNCATE closing_events, closing").update();
    db.sql("DROP TRIGGER IF EXISTS refuse ON closing_events").update();
    RowGate.remove(db, "closing_events");
  }

  private static void refuseKind9() {
    db.sql(
            "CREATE TRIGGER refuse BEFORE INSERT ON closing_events"
                + " FOR EACH ROW EXECUTE FUNCTION refuse_kind_9()")
        .update();
  }

  private static BatchWriter<Event> writer(int connections) {
    return BatchWriter.builder(db, Table.of(Event.class))
        .connections(connections)
        .maxRows(10)
        .flushInterval(Duration.ofDays(1))
        .open();
  }

  private static List<Event> events(int count, int kind) {
    return IntStream.range(0, count).mapToObj(i -> new Event(i, kind)).toList();
  }

  private static long scalar(String sql) {
    return db.sql(sql).scalar(Long.class);
  }

  /** Rows committed in the same transaction as the closing step's row. */
  private static long rowsWithTheStep() {
    return scalar(
        "SELECT count(*) FROM closing_events"
            + " WHERE xmin::text = (SELECT xmin::text FROM closing)");
  }

  @ParameterizedTest(name = "{0} rows in batches of 10: the step commits with the last {1}")
  @CsvSource({"29, 9", "30, 10", "31, 1", "10, 10"})
  void theStepCommitsWithTheFinalBatch_afterEveryEarlierOne(int rows, int inTheFinalBatch) {
    BatchWriter<Event> writer = writer(3);
    writer.writeAll(events(rows, 1));

    writer.closeWith(NOTE_ROWS_SEEN);

    assertThat(scalar("SELECT count(*) FROM closing_events")).isEqualTo(rows);
    assertThat(scalar("SELECT count(*) FROM closing")).isOne();
    assertThat(rowsWithTheStep()).isEqualTo(inTheFinalBatch);
    assertThat(scalar("SELECT rows_seen FROM closing"))
        .as("every earlier batch committed before the step ran")
        .isEqualTo(rows);
    assertThat(writer.stats().batches()).isEqualTo((rows + 9) / 10);
  }

  @Test
  void withNoRowLeft_theStepRunsInATransactionOfItsOwn() {
    BatchWriter<Event> writer = writer(1);

    writer.closeWith(NOTE_ROWS_SEEN);

    assertThat(scalar("SELECT rows_seen FROM closing")).isZero();
    assertThat(writer.stats().batches()).isZero();
    assertThatThrownBy(() -> writer.closeWith(NOTE_ROWS_SEEN)).hasMessageContaining("closed");
  }

  @Test
  void aRefusedFinalBatch_rollsTheStepBackWithIt() {
    refuseKind9();
    BatchWriter<Event> writer = writer(1);
    writer.writeAll(events(20, 1));
    writer.write(new Event(20, 9));

    assertThatThrownBy(() -> writer.closeWith(NOTE_ROWS_SEEN))
        .hasMessageContaining("kind 9 refused");

    assertThat(scalar("SELECT count(*) FROM closing_events")).isEqualTo(20);
    assertThat(scalar("SELECT count(*) FROM closing")).isZero();
  }

  @Test
  void aBatchThatFailedBefore_keepsTheStepFromRunning() {
    refuseKind9();
    BatchWriter<Event> writer = writer(1);
    writer.writeAll(events(10, 9));
    writer.write(new Event(10, 1)); // hands the refused batch to the loader

    assertThatThrownBy(() -> writer.closeWith(NOTE_ROWS_SEEN))
        .hasMessageContaining("kind 9 refused");

    assertThat(scalar("SELECT count(*) FROM closing")).isZero();
  }

  @Test
  void theStepWaitsForAnEarlierBatchStillLoading_andCommitsWithTheLastRows() throws Exception {
    RowGate.install(db, "closing_events");
    BatchWriter<Event> writer = writer(3);
    try (RowGate gate = RowGate.shut(database)) {
      writer.writeAll(events(10, RowGate.KIND)); // the first batch waits at the gate
      writer.writeAll(events(15, 1));
      CompletableFuture<Void> closing =
          CompletableFuture.runAsync(() -> writer.closeWith(NOTE_ROWS_SEEN));
      Await.until(
          "the second batch committed while the first waits",
          WAIT,
          () -> scalar("SELECT count(*) FROM closing_events") == 10);
      assertThat(closing).isNotDone();
      assertThat(scalar("SELECT count(*) FROM closing")).isZero();

      gate.open();
      closing.get();
    }
    assertThat(scalar("SELECT rows_seen FROM closing")).isEqualTo(25);
    assertThat(rowsWithTheStep()).isEqualTo(5);
  }

  @Test
  void aFullBatchWithNoNextRow_loadsOnceItsIntervalIsDue() {
    AtomicLong now = new AtomicLong();
    try (BatchWriter<Event> writer =
        BatchWriter.builder(db, Table.of(Event.class))
            .maxRows(10)
            .flushInterval(Duration.ofSeconds(5))
            .clock(now::get)
            .open()) {
      writer.writeAll(events(10, 1));
      now.addAndGet(Duration.ofSeconds(5).toNanos());

      Await.until(
          "the full batch loaded by the flush thread",
          WAIT,
          () -> scalar("SELECT count(*) FROM closing_events") == 10);
      assertThat(writer.stats().batches()).isOne();
    }
  }

  @Test
  void anErrorHandlerThatWasGivenABatch_keepsTheStepFromCommitting() {
    refuseKind9();
    List<WriteError> errors = new CopyOnWriteArrayList<>();
    BatchWriter<Event> writer =
        BatchWriter.builder(db, Table.of(Event.class))
            .maxRows(10)
            .flushInterval(Duration.ofDays(1))
            .onError(errors::add)
            .open();
    writer.writeAll(events(10, 9));
    writer.writeAll(events(5, 1));

    assertThatThrownBy(() -> writer.closeWith(NOTE_ROWS_SEEN))
        .hasMessageContaining("1 batch(es) given up")
        .hasMessageContaining("the closing step did not commit");
    assertThat(scalar("SELECT count(*) FROM closing_events")).as("the later rows").isEqualTo(5);
    assertThat(scalar("SELECT count(*) FROM closing")).isZero();
    assertThat(errors).isNotEmpty();
  }

  @Test
  void aSecondCloseFromAnotherThread_waitsForTheFirst_andLaterWritesAreRefused() throws Exception {
    BatchWriter<Event> writer = writer(2);
    writer.writeAll(events(25, 1));

    CompletableFuture<Void> other = CompletableFuture.runAsync(writer::close);
    writer.close();
    other.get();

    assertThat(scalar("SELECT count(*) FROM closing_events")).isEqualTo(25);
    assertThatThrownBy(() -> writer.write(new Event(99, 1))).hasMessageContaining("closed");
    assertThatThrownBy(() -> writer.closeWith(NOTE_ROWS_SEEN)).hasMessageContaining("closed");
  }
}
