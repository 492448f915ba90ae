package dev.pgpipe.sink.deadletter;

import static dev.pgpipe.sink.deadletter.Letters.kinds;
import static dev.pgpipe.sink.deadletter.Letters.rows;
import static dev.pgpipe.sink.deadletter.Letters.sink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.client.Database;
import dev.pgpipe.sink.Events;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.sink.buffer.BufferConfig;
import dev.pgpipe.sink.buffer.BufferedEvent;
import dev.pgpipe.sink.buffer.ChangeBuffer;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.proxy.FaultProxy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The buffer's dead letters replayed into a target: applied with a receipt on the target, then
 * removed from the buffer; a lost acknowledgement of the target's COMMIT applies nothing twice. The
 * buffer's tables live in schema {@code buf}, apart from the target's {@code pgpipe}.
 */
@WithPostgres
class BufferReplayTest {

  private static DeadLetterStore letters(TableSink sink, Events... transactions) {
    ChangeBuffer buffer =
        new ChangeBuffer(sink.database(), BufferConfig.defaults().withSchema("buf"));
    sink.database().sql("DROP SCHEMA IF EXISTS buf CASCADE").update();
    buffer.migrate();
    for (Events tx : transactions) {
      buffer.write("src", List.of(tx.tx()));
    }
    List<BufferedEvent> claimed = sink.database().inTransaction(tx -> buffer.claim("src", 100));
    buffer.deadLetter(claimed, "failed 5 times; last: the handler's target was down");
    return DeadLetterStore.buffer(sink.database(), "buf");
  }

  @Test
  void bufferLettersAreAppliedOnce_refusedOnesStayWithTheNewError(TestDatabase db) {
    try (TableSink sink = sink(db)) {
      DeadLetterStore store =
          letters(sink, new Events("t", 100).insert(1, "a", 1).insert(2, "b", -2));

      List<ReplayOutcome> first =
          new Replay(store, sink.database(), sink.config()).run(LetterFilter.ALL, false, o -> {});

      assertThat(kinds(first).values()).containsExactly("Applied", "FailedAgain");
      assertThat(rows(sink)).containsExactly("1:a:1");
      DeadLetter kept = store.list(LetterFilter.ALL).get(0);
      assertThat(kept.error()).contains("t_n_not_negative");
      assertThat(kept.sqlState()).isEqualTo("23514");
      assertThat(kept.attempts()).isEqualTo(2);

      db.execute("ALTER TABLE t DROP CONSTRAINT t_n_not_negative");
      List<ReplayOutcome> second =
          new Replay(store, sink.database(), sink.config()).run(LetterFilter.ALL, false, o -> {});
      assertThat(kinds(second).values()).containsExactly("Applied");
      assertThat(rows(sink)).containsExactly("1:a:1", "2:b:-2");
      assertThat(store.list(LetterFilter.ALL)).isEmpty();
      assertThat(
              sink.database()
                  .sql("SELECT count(*) FROM pgpipe.sink_replayed_letters")
                  .scalar(Long.class))
          .isEqualTo(2);
    }
  }

  @Test
  void lostCommitAcknowledgement_theNextReplayRemovesTheLetterWithoutApplyingIt(TestDatabase db) {
    try (FaultProxy proxy = FaultProxy.start("localhost", db.port());
        TableSink sink = sink(db)) {
      DeadLetterStore store = letters(sink, new Events("t", 100).insert(1, "a", 1));
      db.execute(
          "CREATE TABLE hits (id int8)",
          "CREATE OR REPLACE FUNCTION count_hit() RETURNS trigger LANGUAGE plpgsql AS"
              + " 'BEGIN INSERT INTO hits VALUES (NEW.id); RETURN NEW; END'",
          "CREATE TRIGGER t_hits AFTER INSERT OR UPDATE ON t FOR EACH ROW"
              + " EXECUTE FUNCTION count_hit()");
      String viaProxy =
          "postgres://"
              + db.user()
              + ":"
              + db.password()
              + "@localhost:"
              + proxy.port()
              + "/"
              + db.name();
      try (Database target = Database.open(viaProxy)) {
        Replay replay = new Replay(store, target, sink.config());
        LetterFilter none = new LetterFilter(List.of(999_999L), null, null, null);
        assertThat(replay.run(none, true, o -> {})).isEmpty(); // creates the receipts' table
        proxy.cutWhenServerSends(FaultProxy.POSTGRES_COMMIT_COMPLETE);
        assertThatThrownBy(() -> replay.run(LetterFilter.ALL, true, o -> {}))
            .isInstanceOf(RuntimeException.class);
      }
      assertThat(store.list(LetterFilter.ALL)).as("the letter outlived the lost ack").hasSize(1);

      List<ReplayOutcome> again =
          new Replay(store, sink.database(), sink.config()).run(LetterFilter.ALL, true, o -> {});

      assertThat(kinds(again).values()).containsExactly("Gone");
      assertThat(store.list(LetterFilter.ALL)).isEmpty();
      assertThat(sink.database().sql("SELECT id FROM hits").as(Long.class).list())
          .containsExactly(1L);
    }
  }
}
