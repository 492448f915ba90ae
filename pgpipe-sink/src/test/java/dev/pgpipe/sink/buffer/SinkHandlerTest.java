package dev.pgpipe.sink.buffer;

import static dev.pgpipe.sink.buffer.ChangeBufferWriteTest.inserts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.EventPosition;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.Events;
import dev.pgpipe.sink.Position;
import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Buffered events back into transactions for the table sink: runs of one transaction become one
 * {@link Transaction}, complete only with its last event, whatever claim boundaries cut it.
 */
@WithPostgres
class SinkHandlerTest {

  private long nextId;

  /** Events of {@code tx} as the buffer hands them back, the last one last of its transaction. */
  private List<BufferedEvent> buffered(Transaction tx) {
    List<BufferedEvent> out = new ArrayList<>();
    for (ChangeEvent e : tx.events()) {
      boolean last = tx.lastPart() && e == tx.events().get(tx.size() - 1);
      out.add(new BufferedEvent(++nextId, "s", e, tx.commitLsn(), tx.endLsn(), last));
    }
    return out;
  }

  private List<BufferedEvent> buffered(Transaction... txs) {
    List<BufferedEvent> out = new ArrayList<>();
    for (Transaction tx : txs) {
      out.addAll(buffered(tx));
    }
    return out;
  }

  /** A copy of the event as if transaction {@code xid} had written it. */
  @SuppressWarnings("NullAway") // the cdc record's row maps take @Nullable values
  private static ChangeEvent withXid(ChangeEvent e, long xid) {
    EventPosition p = e.position();
    return new ChangeEvent(
        e.operation(),
        e.table(),
        e.before(),
        e.after(),
        e.message(),
        e.truncateOptions(),
        new EventPosition(p.lsn(), xid, p.commitTime(), p.index()));
  }

  @Test
  void consecutiveEventsOfATransactionBecomeOneCompleteTransaction() {
    Transaction tx = inserts(100, 3).tx();
    List<Transaction> out = SinkHandler.transactions(buffered(tx));
    assertThat(out).hasSize(1);
    Transaction back = out.get(0);
    assertThat(back.events()).isEqualTo(tx.events());
    assertThat(back.commitLsn()).isEqualTo(100);
    assertThat(back.endLsn()).isEqualTo(101);
    assertThat(back.xid()).isEqualTo(tx.events().get(0).xid());
    assertThat(back.lastPart()).isTrue();
  }

  @Test
  void eachTransactionOfABatchBecomesItsOwn() {
    Transaction a = inserts(100, 2).tx();
    Transaction b = inserts(200, 3).tx();
    List<Transaction> out = SinkHandler.transactions(buffered(a, b));
    assertThat(out).extracting(Transaction::commitLsn).containsExactly(100L, 200L);
    assertThat(out).extracting(Transaction::size).containsExactly(2, 3);
    assertThat(out).allSatisfy(t -> assertThat(t.lastPart()).isTrue());
  }

  @Test
  void aBatchCutInsideATransactionHandsOverAnIncompleteOneThenTheRest() {
    Events tx = inserts(100, 5);
    List<BufferedEvent> events = buffered(tx.tx());
    List<Transaction> head = SinkHandler.transactions(events.subList(0, 3));
    List<Transaction> tail = SinkHandler.transactions(events.subList(3, 5));
    assertThat(head).singleElement().satisfies(t -> assertThat(t.lastPart()).isFalse());
    assertThat(tail).singleElement().satisfies(t -> assertThat(t.lastPart()).isTrue());
    assertThat(tail.get(0).events()).extracting(ChangeEvent::index).containsExactly(3, 4);
  }

  @Test
  void theSameXidAtAnotherCommitOrAnotherXidAtTheSameCommitIsAnotherTransaction() {
    List<BufferedEvent> events = buffered(inserts(100, 2).tx(), inserts(200, 2).tx());
    List<BufferedEvent> sameXid = new ArrayList<>();
    for (BufferedEvent e : events) {
      sameXid.add(
          new BufferedEvent(
              e.id(),
              "s",
              withXid(e.event(), 7),
              e.commitLsn(),
              e.endLsn(),
              e.lastOfTransaction()));
    }
    assertThat(SinkHandler.transactions(sameXid)).hasSize(2);
    BufferedEvent first = events.get(0);
    BufferedEvent otherXid =
        new BufferedEvent(99, "s", withXid(events.get(1).event(), 8), 100, 101, true);
    assertThat(SinkHandler.transactions(List.of(first, otherXid))).hasSize(2);
  }

  @Test
  void snapshotRowsComeBackAsSnapshotRows() {
    Transaction rows =
        new Transaction(0, 50, 50, 0, Instant.EPOCH, inserts(50, 3).tx().events(), 0, true);
    assertThat(SinkHandler.transactions(buffered(rows)))
        .singleElement()
        .satisfies(t -> assertThat(t.isSnapshot()).isTrue());
  }

  @Test
  void anEmptyBatchIsNoTransaction() {
    assertThat(SinkHandler.transactions(List.of())).isEmpty();
  }

  @Test
  void claimsCuttingATransactionAfterAnotherApplyItWholeAndOnce(TestDatabase db) {
    db.execute("CREATE TABLE t (id int8 PRIMARY KEY, v text, n int4)");
    try (Database pool = Database.open(db.url());
        TableSink sink =
            TableSink.using(
                pool, SinkConfig.builder().sourceId("buf").tables(List.of("t")).build())) {
      ChangeBuffer buffer = new ChangeBuffer(pool, BufferConfig.defaults().withSchema("buf_sink"));
      buffer.migrate();
      Events big = inserts(200, 7);
      buffer.write("buf", List.of(inserts(100, 2).tx(), big.part(0, 0, 4, false)));
      buffer.write("buf", List.of(big.part(1, 4, 7, true)));
      SinkHandler handler = new SinkHandler(sink);
      for (int claim = 0; claim < 3; claim++) {
        pool.useTransaction(
            t -> {
              List<BufferedEvent> batch = buffer.claim("buf", 3);
              handler.handle(batch);
              buffer.markProcessed(batch);
            });
      }
      assertThat(pool.sql("SELECT count(*) FROM t").scalar(Long.class)).isEqualTo(9);
      assertThat(sink.position()).isEqualTo(new Position(200, Position.COMPLETE, 201, true));
      assertThat(handler.deadLettersFailedBatches())
          .as("a batch the sink fails on waits in the buffer")
          .isFalse();
      assertThat(((BufferHandler) batch -> {}).deadLettersFailedBatches()).isTrue();
      assertThat(sink.deadLetters()).isZero();
    }
  }
}
