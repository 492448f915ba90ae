package dev.pgpipe.sink.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.EventPosition;
import dev.pgpipe.cdc.LogicalMessage;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.Events;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writing into the buffer exactly once per source: whatever a restarted feeder hands over again
 * (whole transactions, single parts, earlier parts after later ones), each event lands once.
 */
@WithPostgres
class ChangeBufferWriteTest {

  private static Database db;
  private static ChangeBuffer buffer;

  @BeforeAll
  static void open(TestDatabase database) {
    db = Database.open(database.url());
    buffer = new ChangeBuffer(db, BufferConfig.defaults().withSchema("buf_write"));
    buffer.migrate();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void empty() {
    db.sql("TRUNCATE buf_write.cdc_events, buf_write.cdc_buffer_sources").update();
  }

  /** A transaction committed at {@code lsn} inserting {@code rows} rows (ids lsn*1000 + i). */
  static Events inserts(long lsn, int rows) {
    Events events = new Events("t", lsn);
    for (int i = 0; i < rows; i++) {
      events.insert(lsn * 1000 + i, "v" + i, i);
    }
    return events;
  }

  private static long write(Transaction... batch) {
    return buffer.write("s", List.of(batch));
  }

  private static long buffered() {
    return db.sql("SELECT count(*) FROM buf_write.cdc_events").scalar(Long.class);
  }

  private static List<Boolean> lastFlags() {
    return db.inTransaction(t -> buffer.claim("s", 1000)).stream()
        .map(BufferedEvent::lastOfTransaction)
        .toList();
  }

  @Test
  void aTransactionInPartsIsWrittenOnceWhenEveryPartIsReplayedInTurn() {
    Events tx = inserts(100, 25);
    assertThat(write(tx.part(0, 0, 10, false))).isEqualTo(10);
    assertThat(write(tx.part(1, 10, 20, false))).isEqualTo(10);
    assertThat(write(tx.part(2, 20, 25, true))).isEqualTo(5);
    assertThat(write(tx.part(0, 0, 10, false))).as("replayed part 0").isZero();
    assertThat(write(tx.part(1, 10, 20, false))).as("replayed part 1").isZero();
    assertThat(write(tx.part(2, 20, 25, true))).as("replayed part 2").isZero();
    assertThat(buffered()).isEqualTo(25);
  }

  @Test
  void aReplayedEarlierPartDoesNotLetLaterPartsBeWrittenAgain() {
    Events tx = inserts(100, 25);
    write(tx.part(0, 0, 10, false));
    write(tx.part(1, 10, 20, false));
    assertThat(write(tx.part(0, 0, 10, false))).as("part 0 again, alone").isZero();
    assertThat(write(tx.part(1, 10, 20, false))).as("part 1 again").isZero();
    assertThat(write(tx.part(2, 20, 25, true))).isEqualTo(5);
    assertThat(buffered()).isEqualTo(25);
  }

  @Test
  void aCompleteTransactionReplayedPartByPartWritesNothing() {
    Events tx = inserts(100, 25);
    assertThat(write(tx.tx())).isEqualTo(25);
    assertThat(write(tx.part(0, 0, 10, false))).isZero();
    assertThat(write(tx.part(1, 10, 20, false))).isZero();
    assertThat(write(tx.part(2, 20, 25, true))).isZero();
    assertThat(buffered()).isEqualTo(25);
  }

  @Test
  void theRestOfAPartlyBufferedPartIsWrittenWhenItComesAgainLonger() {
    Events tx = inserts(100, 20);
    write(tx.part(0, 0, 10, false));
    assertThat(write(tx.part(0, 0, 15, false))).as("events 10..14 are new").isEqualTo(5);
    assertThat(write(tx.part(1, 15, 20, true))).isEqualTo(5);
    assertThat(buffered()).isEqualTo(20);
  }

  @Test
  void aLaterTransactionAfterAPartlyBufferedOneStartsItsCountAfresh() {
    write(inserts(100, 20).part(0, 0, 10, false));
    assertThat(write(inserts(200, 3).tx())).as("indexes 0..2 of a later commit").isEqualTo(3);
    assertThat(write(inserts(150, 4).tx())).as("committed before the position").isZero();
    assertThat(write(inserts(200, 3).tx())).isZero();
  }

  @Test
  void emptyPartsKeepThePosition() {
    Events tx = inserts(100, 10);
    Transaction empty = tx.part(1, 10, 10, false);
    write(tx.part(0, 0, 5, false));
    assertThat(write(empty)).isZero();
    assertThat(write(tx.part(0, 0, 5, false))).as("part 0 is still covered").isZero();
    assertThat(write(tx.part(2, 5, 10, true))).isEqualTo(5);
  }

  @Test
  void onlyTheLastEventOfTheLastPartEndsTheTransaction() {
    Events tx = inserts(100, 6);
    write(tx.part(0, 0, 3, false));
    write(tx.part(1, 3, 6, true));
    assertThat(lastFlags()).containsExactly(false, false, false, false, false, true);
  }

  @Test
  void snapshotRowsTakenBeforeTheBufferedPositionAreReplays_aLaterSnapshotIsWritten() {
    Events streamed = inserts(500, 3);
    write(streamed.tx());
    Transaction rows = inserts(100, 4).tx();
    Transaction replayed = new Transaction(0, 100, 100, 0, Instant.EPOCH, rows.events(), 0, true);
    assertThat(write(replayed)).as("snapshot rows taken before a buffered change").isZero();
    Transaction later = new Transaction(0, 700, 700, 0, Instant.EPOCH, rows.events(), 0, true);
    assertThat(write(later)).as("a snapshot taken after it (a new slot)").isEqualTo(4);
    assertThat(write(later)).as("snapshot rows carry no position to skip by").isEqualTo(4);
    assertThat(write(streamed.tx())).isZero();
    assertThat(write(inserts(600, 2).tx())).isEqualTo(2);
  }

  @Test
  void holdsStreamedChangesOnlyOnceAStreamedChangeWasBuffered() {
    assertThat(buffer.holdsStreamedChanges("s")).as("nothing buffered").isFalse();
    Transaction rows = inserts(100, 2).tx();
    write(new Transaction(0, 100, 100, 0, Instant.EPOCH, rows.events(), 0, true));
    assertThat(buffer.holdsStreamedChanges("s")).as("snapshot rows only").isFalse();
    write(inserts(200, 1).tx());
    assertThat(buffer.holdsStreamedChanges("s")).isTrue();
    assertThat(buffer.holdsStreamedChanges("other")).as("another source").isFalse();
  }

  @Test
  void eachSourceKeepsItsOwnPosition() {
    Transaction tx = inserts(100, 3).tx();
    assertThat(buffer.write("a", List.of(tx))).isEqualTo(3);
    assertThat(buffer.write("b", List.of(tx))).isEqualTo(3);
    assertThat(buffer.write("a", List.of(tx))).isZero();
  }

  @Test
  void eachRowNamesTheTableAndOperationOfItsEventAndAMessageNamesNone() {
    Transaction tx = inserts(100, 1).tx();
    ChangeEvent row = tx.events().get(0);
    ChangeEvent message =
        new ChangeEvent(
            Operation.MESSAGE,
            null,
            null,
            null,
            new LogicalMessage("audit", new byte[] {1}, true),
            0,
            new EventPosition(100, 100, Instant.EPOCH, 1));
    write(new Transaction(100, 99, 100, 101, Instant.EPOCH, List.of(row, message), 0, true));
    assertThat(
            db.sql(
                    "SELECT coalesce(schema_name, '-') || ' ' || coalesce(table_name, '-') || ' '"
                        + " || operation FROM buf_write.cdc_events ORDER BY id")
                .map(r -> r.getString(1))
                .list())
        .containsExactly("public t insert", "- - message");
  }
}
