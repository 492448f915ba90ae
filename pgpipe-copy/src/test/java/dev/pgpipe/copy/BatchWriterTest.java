package dev.pgpipe.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.client.Backoff;
import dev.pgpipe.client.Database;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithPostgres
class BatchWriterTest {

  @PgTable(name = "events")
  record Event(long id, int kind) {}

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static Database db;
  private static TestDatabase database;
  private final AtomicLong now = new AtomicLong();

  @BeforeAll
  static void open(TestDatabase testDatabase) {
    database = testDatabase;
    db = Database.open(testDatabase.url());
    db.sql("CREATE TABLE events (id int8 NOT NULL, kind int4 NOT NULL)").update();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void empty() {
    db.sql("TRUNCATE events").update();
    db.sql("DROP TABLE IF EXISTS pgpipe_copy_ledger").update();
    RowGate.remove(db, "events");
  }

  private BatchWriterBuilder<Event> writer() {
    return BatchWriter.builder(db, Table.of(Event.class)).clock(now::get);
  }

  private static long count() {
    return db.sql("SELECT count(*) FROM events").scalar(Long.class);
  }

  private static List<Event> events(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> new Event(i, i % 7)).toList();
  }

  @Test
  void flushesAFullBatchByRowsAndKeepsTheRestUntilClose() {
    try (BatchWriter<Event> writer = writer().maxRows(10).open()) {
      writer.writeAll(events(0, 25));
      Await.until("two full batches loaded", WAIT, () -> writer.stats().batches() == 2);
      assertThat(count()).isEqualTo(20);
    }
    assertThat(count()).isEqualTo(25);
  }

  @Test
  void flushesByBytes() {
    try (BatchWriter<Event> writer = writer().maxBytes(1000).open()) {
      writer.writeAll(events(0, 100)); // 22 bytes a row
      Await.until("batches of about 1000 bytes", WAIT, () -> writer.stats().batches() == 2);
      assertThat(writer.stats().rows()).isEqualTo(92);
    }
  }

  @Test
  void flushesAfterTheIntervalMeasuredWithTheInjectedClock() {
    try (BatchWriter<Event> writer = writer().flushInterval(Duration.ofSeconds(5)).open()) {
      writer.write(new Event(1, 1));
      now.addAndGet(Duration.ofSeconds(4).toNanos());
      assertThat(writer.stats().batches()).isZero();
      now.addAndGet(Duration.ofSeconds(1).toNanos());
      Await.until("the interval flush", WAIT, () -> count() == 1);
    }
  }

  @Test
  void closeFlushesAndWaitsAndLaterWritesAreRefused() {
    BatchWriter<Event> writer = writer().connections(3).maxRows(7).open();
    writer.writeAll(events(0, 1000));
    writer.close();

    assertThat(count()).isEqualTo(1000);
    assertThat(writer.stats().rows()).isEqualTo(1000);
    assertThat(writer.stats().pendingBytes()).isZero();
    assertThatThrownBy(() -> writer.write(new Event(1, 1))).hasMessageContaining("closed");
  }

  @Test
  void oneConnectionKeepsTheOrderOfRows() {
    try (BatchWriter<Event> writer = writer().maxRows(50).open()) {
      writer.writeAll(events(0, 1000));
    }
    assertThat(db.sql("SELECT id FROM events").as(Long.class).list())
        .isSortedAccordingTo(Long::compare)
        .hasSize(1000);
  }

  @Test
  void suspendsTheSourceAtTheHighWatermarkBlocksAtTheLimitAndResumesAtTheLowOne() throws Exception {
    RowGate.install(db, "events");
    RecordingFlow source = new RecordingFlow();
    List<String> calls = source.calls;
    int capacity = WriterLimits.capacityFor(1024);
    AtomicLong maxPending = new AtomicLong();
    try (RowGate gate = RowGate.shut(database)) {
      BatchWriter<Event> writer =
          writer()
              .maxBytes(1024)
              .maxPendingBytes(4L * capacity)
              .watermarks(3L * capacity, capacity, source)
              .open();
      AtomicInteger written = new AtomicInteger();
      java.util.concurrent.atomic.AtomicReference<Thread> thread =
          new java.util.concurrent.atomic.AtomicReference<>();
      CompletableFuture<Void> producer =
          CompletableFuture.runAsync(
              () -> {
                thread.set(Thread.currentThread());
                writer.write(new Event(-1, RowGate.KIND)); // the first batch waits at the gate
                for (Event event : events(1, 2000)) {
                  writer.write(event);
                  written.incrementAndGet();
                  maxPending.accumulateAndGet(writer.stats().pendingBytes(), Math::max);
                }
              });
      Await.until("the source suspended", WAIT, () -> calls.contains("suspend"));
      Await.until(
          "the producer blocked at maxPendingBytes",
          WAIT,
          () ->
              thread.get() != null
                  && thread.get().getState() == Thread.State.WAITING
                  && writer.stats().pendingBytes() > 3L * capacity);
      int blockedAt = written.get();
      assertThat(producer).isNotDone();
      assertThat(blockedAt).isLessThan(2000);
      assertThat(calls).containsExactly("suspend");

      gate.open();
      producer.get();
      writer.close();
    }
    assertThat(calls).startsWith("suspend", "resume");
    assertThat(maxPending.get()).isLessThanOrEqualTo(4L * capacity);
    assertThat(count()).isEqualTo(2000);
  }

  @Test
  void aBackendKilledMidCopyIsRetriedWithNoDuplicateOrMissingRow() throws Exception {
    RowGate.install(db, "events");
    List<WriteError> errors = new CopyOnWriteArrayList<>();
    try (RowGate gate = RowGate.shut(database)) {
      BatchWriter<Event> writer =
          writer().maxRows(5000).onError(errors::add).retry(Backoff.immediately(5)).open();
      List<Event> rows = new java.util.ArrayList<>(events(0, 20_000));
      rows.set(7_000, new Event(7_000, RowGate.KIND)); // the second batch waits at this row
      CompletableFuture<Void> load =
          CompletableFuture.runAsync(
              () -> {
                writer.writeAll(rows);
                writer.close();
              });
      int pid = awaitBlockedCopy();
      db.sql("SELECT pg_terminate_backend(?)", pid).scalar(Boolean.class);
      gate.open();
      load.get();
      assertThat(writer.stats().retries()).isEqualTo(1);
    }
    assertThat(errors)
        .singleElement()
        .isInstanceOfSatisfying(
            WriteError.ConnectionLost.class,
            e -> {
              assertThat(e.batchId()).isEqualTo(2);
              assertThat(e.retrying()).isTrue();
            });
    assertThat(count()).isEqualTo(20_000);
    assertThat(db.sql("SELECT count(DISTINCT id) FROM events").scalar(Long.class))
        .isEqualTo(20_000);
  }

  private static int awaitBlockedCopy() {
    AtomicInteger pid = new AtomicInteger();
    Await.until(
        "a COPY waiting for the gate",
        WAIT,
        () -> {
          List<Integer> pids =
              db.sql(
                      "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                          + " AND query LIKE 'COPY%'")
                  .as(Integer.class)
                  .list();
          pids.stream().findFirst().ifPresent(pid::set);
          return !pids.isEmpty();
        });
    return pid.get();
  }

  @Test
  void theLedgerSkipsBatchesCommittedBeforeSoNoneIsWrittenTwice() {
    try (BatchWriter<Event> first =
        writer().maxRows(100).ledger("pgpipe_copy_ledger", "feed-a").open()) {
      first.writeAll(events(0, 1000));
    }
    // The same writer id replaying the same rows (a retry after an unknown COMMIT, a restart).
    BatchWriter<Event> replay = writer().maxRows(100).ledger("pgpipe_copy_ledger", "feed-a").open();
    replay.writeAll(events(0, 1000));
    replay.close();

    assertThat(replay.stats().skipped()).isEqualTo(10);
    assertThat(replay.stats().rows()).isZero();
    assertThat(count()).isEqualTo(1000);
    assertThat(
            db.sql("SELECT sum(rows) FROM pgpipe_copy_ledger WHERE writer_id = 'feed-a'")
                .scalar(Long.class))
        .isEqualTo(1000);
  }

  @Test
  void theLedgerRefusesABatchOfTheSameNumberWithOtherRows_insteadOfSkippingIt() {
    try (BatchWriter<Event> first =
        writer().maxRows(100).ledger("pgpipe_copy_ledger", "feed-b").open()) {
      first.writeAll(events(0, 300));
    }
    // A restart that batches differently: batch 1 now holds rows 0-149, not 0-99.
    BatchWriter<Event> restarted =
        writer().maxRows(150).ledger("pgpipe_copy_ledger", "feed-b").open();

    // The writer fails on its next call after the batch failed: a later write or the close.
    assertThatThrownBy(
            () -> {
              try {
                restarted.writeAll(events(0, 300));
              } finally {
                restarted.close();
              }
            })
        .hasMessageContaining("batch 1 of writer 'feed-b' was loaded before with 100 rows")
        .hasMessageContaining("now holds 150 rows")
        .hasMessageContaining("Restart with the same batch limits");
    assertThat(count()).isEqualTo(300);
  }

  @Test
  void reportsATimeoutAndFailsTheWriterWhenRetriesRunOut() throws Exception {
    RowGate.install(db, "events");
    List<WriteError> errors = new CopyOnWriteArrayList<>();
    try (RowGate gate = RowGate.shut(database)) {
      BatchWriter<Event> writer =
          writer().batchTimeout(Duration.ofMillis(200)).retry(Backoff.immediately(2)).open();
      writer.write(new Event(1, RowGate.KIND));
      writer.write(new Event(2, 1));
      assertThatThrownBy(writer::close)
          .hasMessageContaining("canceling statement due to statement timeout");
      gate.open();
    }
    assertThat(count()).isZero();
    assertThat(errors).isEmpty(); // no handler given: the failure was thrown instead
  }

  @Test
  void refusedRowsGoToTheErrorHandlerAsEncodingFailures() {
    java.util.Map<String, String> types = new java.util.LinkedHashMap<>();
    types.put("id", "int8");
    types.put("kind", "int4");
    Table<Object[]> table = Table.forArrays("events", types);
    List<WriteError> errors = new CopyOnWriteArrayList<>();
    try (BatchWriter<Object[]> writer =
        BatchWriter.builder(db, table).schemaMode(SchemaMode.WARN).onError(errors::add).open()) {
      writer.write(new Object[] {1, 2});
      writer.write(new Object[] {1L, 2});
      assertThat(writer.stats().rejected()).isEqualTo(1);
    }
    assertThat(count()).isEqualTo(1);
    assertThat(errors)
        .singleElement()
        .isInstanceOfSatisfying(
            WriteError.EncodingFailed.class, e -> assertThat(e.cause().column()).isEqualTo("id"));
  }
}
