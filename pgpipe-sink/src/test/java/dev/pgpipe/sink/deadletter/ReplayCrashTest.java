package dev.pgpipe.sink.deadletter;

import static dev.pgpipe.sink.deadletter.Letters.apply;
import static dev.pgpipe.sink.deadletter.Letters.rows;
import static dev.pgpipe.sink.deadletter.Letters.sink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.client.Database;
import dev.pgpipe.sink.Events;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.proxy.FaultProxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A replay whose connection is cut, before its COMMIT and after the server committed but before the
 * client heard of it: each row is applied exactly once, and no letter is lost. A trigger on the
 * target counts every write of a row, so a second apply of the same upsert would show.
 */
@WithPostgres
class ReplayCrashTest {

  @Test
  void replayCutBeforeCommit_leavesTheLetter_andTheNextReplayAppliesItOnce(TestDatabase db) {
    cutAndReplay(db, commandComplete("DELETE 1"), 2);
  }

  @Test
  void replayWhoseCommitAcknowledgementIsLost_isNotAppliedAgain(TestDatabase db) {
    cutAndReplay(db, FaultProxy.POSTGRES_COMMIT_COMPLETE, 1);
  }

  private static void cutAndReplay(TestDatabase db, byte[] cutAt, long expectedLeft) {
    try (FaultProxy proxy = FaultProxy.start("localhost", db.port());
        TableSink sink = sink(db)) {
      apply(sink, new Events("t", 100).insert(1, "a", -1).insert(2, "b", -2).tx());
      db.execute(
          "ALTER TABLE t DROP CONSTRAINT t_n_not_negative",
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
      try (Database cut = Database.open(viaProxy)) {
        Replay replay = new Replay(cut, sink.config());
        LetterFilter none = new LetterFilter(List.of(999_999L), null, null, null);
        assertThat(replay.run(none, true, o -> {})).isEmpty(); // its one-time preparation
        proxy.cutWhenServerSends(cutAt);
        List<ReplayOutcome> before = new java.util.ArrayList<>();
        assertThatThrownBy(() -> replay.run(LetterFilter.ALL, true, before::add))
            .isInstanceOf(RuntimeException.class);
        assertThat(before).as("the first letter's transaction was the one cut").isEmpty();
        assertThat(proxy.cuts()).isEqualTo(1);
      }
      long lettersLeft = sink.deadLetters();
      assertThat(lettersLeft)
          .as("a cut before COMMIT keeps both letters, a lost acknowledgement one")
          .isEqualTo(expectedLeft);

      List<ReplayOutcome> rest =
          new Replay(sink.database(), sink.config()).run(LetterFilter.ALL, true, o -> {});

      assertThat(rest).allMatch(o -> o instanceof ReplayOutcome.Applied);
      assertThat(rows(sink)).containsExactly("1:a:-1", "2:b:-2");
      assertThat(sink.deadLetters()).isZero();
      assertThat(sink.database().sql("SELECT id FROM hits ORDER BY id").as(Long.class).list())
          .as("each row written exactly once")
          .containsExactly(1L, 2L);
    }
  }

  /** PostgreSQL's CommandComplete message with {@code tag}. */
  private static byte[] commandComplete(String tag) {
    byte[] text = (tag + "\0").getBytes(StandardCharsets.US_ASCII);
    byte[] message = new byte[5 + text.length];
    message[0] = 'C';
    int length = 4 + text.length;
    message[1] = (byte) (length >>> 24);
    message[2] = (byte) (length >>> 16);
    message[3] = (byte) (length >>> 8);
    message[4] = (byte) length;
    System.arraycopy(text, 0, message, 5, text.length);
    return message;
  }
}
