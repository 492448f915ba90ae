package dev.pgpipe.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.client.Database;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When {@link BatchWriter} hands a full batch to its loaders, beyond the next row: while producers
 * wait for memory (no batch grows past {@code maxRows}), and while its source is suspended (a
 * loaded batch hands over the full one, with no row and no clock to do it). And the low watermark
 * it refuses. And a batch whose only row was refused, which no loader would ever free, is dropped.
 */
@WithPostgres
class HandOverTest {

  @PgTable(name = "handover_events")
  record Event(long id, int kind) {}

  @PgTable(name = "handover_notes")
  record Note(long id, @PgColumn(type = "varchar(10)") String note) {}

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int CAPACITY = WriterLimits.capacityFor(1024);
  private static Database db;
  private static TestDatabase database;

  @BeforeAll
  static void open(TestDatabase testDatabase) {
    database = testDatabase;
    db = Database.open(database.url());
    db.sql("CREATE TABLE handover_events (id int8 NOT NULL, kind int4 NOT NULL)").update();
    RowGate.install(db, "handover_events");
    db.sql("CREATE TABLE handover_notes (id int8 NOT NULL, note varchar(10) NOT NULL)").update();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void empty() {
    db.sql("TRUNCATE handover_events, handover_notes").update();
    db.sql("DROP TABLE IF EXISTS handover_ledger").update();
  }

  private static BatchWriterBuilder<Event> writer() {
    return BatchWriter.builder(db, Table.of(Event.class))
        .maxRows(10)
        .maxBytes(1024)
        .flushInterval(Duration.ofDays(1))
        .ledger("handover_ledger", "handover");
  }

  private static long count() {
    return db.sql("SELECT count(*) FROM handover_events").scalar(Long.class);
  }

  @Test
  void producersThatWaitedForMemory_neverGrowABatchPastItsRows() throws Exception {
    BatchWriter<Event> writer = writer().maxPendingBytes(2L * CAPACITY).open();
    try (RowGate gate = RowGate.shut(database)) {
      writer.write(
          new Event(0, RowGate.KIND)); // the first batch waits at the gate; memory fills behind it
      List<CompletableFuture<Void>> producers =
          IntStream.rangeClosed(1, 3)
              .mapToObj(p -> CompletableFuture.runAsync(() -> writeMany(writer, p)))
              .toList();
      Await.until("memory full", WAIT, () -> writer.stats().pendingBytes() >= 2L * CAPACITY);
      gate.open();
      CompletableFuture.allOf(producers.toArray(CompletableFuture[]::new)).get();
    }
    writer.close();

    assertThat(count()).isEqualTo(1 + 3 * 200);
    assertThat(
            db.sql("SELECT max(rows) FROM handover_ledger WHERE writer_id = 'handover'")
                .scalar(Long.class))
        .isEqualTo(10);
  }

  private static void writeMany(BatchWriter<Event> writer, int producer) {
    for (int i = 0; i < 200; i++) {
      writer.write(new Event(producer * 1000L + i, 1));
    }
  }

  @Test
  void whileTheSourceIsSuspended_aLoadedBatchHandsOverTheFullOne_andTheSourceResumes()
      throws Exception {
    RecordingFlow source = new RecordingFlow();
    List<String> calls = source.calls;
    BatchWriter<Event> writer =
        writer().maxPendingBytes(4L * CAPACITY).watermarks(2L * CAPACITY, CAPACITY, source).open();
    try (RowGate gate = RowGate.shut(database)) {
      for (int i = 0; i < 20; i++) {
        // the first batch waits at the gate; the second fills, and then the source is quiet
        writer.write(new Event(i, i < 10 ? RowGate.KIND : 1));
      }
      assertThat(calls).containsExactly("suspend");
      gate.open();

      Await.until("both batches loaded, with no next row", WAIT, () -> count() == 20);
      Await.until("the source resumed", WAIT, () -> calls.contains("resume"));
    }
    writer.close();
    assertThat(calls).containsExactly("suspend", "resume");
  }

  @Test
  void aLowWatermarkUnderOneBatchBuffer_isRefusedWithWhy() {
    RecordingFlow source = new RecordingFlow();

    assertThatThrownBy(() -> writer().watermarks(2L * CAPACITY, 0, source).open())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the low watermark must hold one batch buffer")
        .hasMessageContaining("while the source is suspended");
  }

  @Test
  void aBatchWhoseOnlyRowWasRefusedAfterGrowingItsBuffer_isDropped_andItsMemoryFreed()
      throws Exception {
    RecordingFlow source = new RecordingFlow();
    List<WriteError> errors = new CopyOnWriteArrayList<>();
    BatchWriter<Note> writer =
        BatchWriter.builder(db, Table.of(Note.class))
            .maxRows(10)
            .maxBytes(1024)
            .flushInterval(Duration.ofDays(1))
            .maxPendingBytes(4L * CAPACITY)
            .watermarks(2L * CAPACITY, CAPACITY, source)
            .onError(errors::add)
            .ledger("handover_ledger", "notes")
            .open();

    writer.write(new Note(1, "x".repeat(100_000))); // varchar(10): refused once its 100 kB are in
    assertThat(errors).singleElement().isInstanceOf(WriteError.EncodingFailed.class);
    assertThat(writer.stats().pendingBytes()).as("the grown buffer is not held").isZero();
    CompletableFuture.runAsync(
            () -> {
              writer.write(new Note(2, "kept")); // no wait for memory that nothing would free
              writer.close();
            })
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(source.calls).as("not suspended for a row it did not keep").isEmpty();
    assertThat(db.sql("SELECT id || ':' || note FROM handover_notes").as(String.class).list())
        .containsExactly("2:kept");
    assertThat(
            db.sql("SELECT batch_id FROM handover_ledger WHERE writer_id = 'notes'")
                .as(Long.class)
                .list())
        .as("the dropped batch's id taken by the next, as when no row was refused")
        .containsExactly(1L);
  }
}
