package dev.pgpipe.sink.deadletter;

import static dev.pgpipe.sink.deadletter.Letters.apply;
import static dev.pgpipe.sink.deadletter.Letters.sink;
import static dev.pgpipe.sink.deadletter.Letters.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.sink.Events;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.sink.buffer.BufferConfig;
import dev.pgpipe.sink.buffer.BufferedEvent;
import dev.pgpipe.sink.buffer.ChangeBuffer;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listing and discarding the sink's and the buffer's dead letters, by id, table, source, time. */
@WithPostgres
class DeadLetterStoreTest {

  private static LetterFilter table(String name) {
    return new LetterFilter(List.of(), name, null, null);
  }

  @Test
  void listFiltersByTableSourceTimeAndId_inReplayOrder(TestDatabase db) {
    try (TableSink sink = sink(db)) {
      apply(sink, new Events("t", 300).insert(3, "c", -3).tx());
      apply(sink, new Events("t", 100).insert(1, "a", -1).tx()); // older, sent later: skipped
      apply(sink, new Events("u", 400).insert(4, "d", 4).tx());
      sink.database()
          .sql(
              "UPDATE pgpipe.sink_dead_letters SET failed_at = now() - interval '2 days'"
                  + " WHERE table_name = 'u'")
          .update();
      DeadLetterStore store = store(sink);

      List<DeadLetter> all = store.list(LetterFilter.ALL);
      assertThat(all)
          .extracting(DeadLetter::qualifiedTable)
          .containsExactly("public.t", "public.u");
      DeadLetter u = all.get(1);
      assertThat(u.error()).contains("violates check constraint \"u_refuses\"");
      assertThat(u.operation()).isEqualTo("insert");
      assertThat(u.sourceId()).isEqualTo("test");
      assertThat(u.ref()).isEqualTo("sink:" + u.id());
      assertThat(new EnvelopeCodec().decodeEvent(u.event()).after()).containsEntry("n", 4);
      DeadLetter t = all.get(0);
      assertThat(t.sqlState()).isEqualTo("23514");
      assertThat(t.error()).contains("t_n_not_negative");
      assertThat(t.attempts()).isEqualTo(1);

      assertThat(store.list(table("u"))).containsExactly(u);
      assertThat(store.list(table("public.t"))).containsExactly(t);
      assertThat(store.list(table("other.t"))).isEmpty();
      assertThat(store.list(new LetterFilter(List.of(), null, "elsewhere", null))).isEmpty();
      assertThat(store.list(new LetterFilter(List.of(), null, "test", null))).hasSize(2);
      Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS);
      assertThat(store.list(new LetterFilter(List.of(), null, null, hourAgo))).containsExactly(t);
      assertThat(store.find(u.id())).contains(u);
      assertThat(store.find(u.id() + 1000)).isEmpty();
    }
  }

  @Test
  void discardRemovesWhatTheFilterSelects_andNothingElse(TestDatabase db) {
    try (TableSink sink = sink(db)) {
      apply(sink, new Events("t", 100).insert(1, "a", -1).insert(2, "b", -2).tx());
      apply(sink, new Events("u", 200).insert(3, "c", 3).tx());
      DeadLetterStore store = store(sink);
      long first = store.list(LetterFilter.ALL).get(0).id();

      assertThat(store.discard(new LetterFilter(List.of(first), null, null, null))).isEqualTo(1);
      assertThat(store.discard(new LetterFilter(List.of(first), null, null, null))).isZero();
      assertThat(store.discard(table("u"))).isEqualTo(1);
      assertThat(store.list(LetterFilter.ALL))
          .singleElement()
          .extracting(DeadLetter::position)
          .isEqualTo("0/64#1");
      assertThat(store.discard(LetterFilter.ALL)).isEqualTo(1);
      assertThat(sink.deadLetters()).isZero();
    }
  }

  @Test
  void theBuffersDeadLettersAreListedAndDiscardedAlike(TestDatabase db) {
    try (TableSink sink = sink(db)) {
      ChangeBuffer buffer = new ChangeBuffer(sink.database(), BufferConfig.defaults());
      buffer.migrate();
      buffer.write("src", List.of(new Events("t", 500).insert(5, "e", 5).update(5, "f", 6).tx()));
      List<BufferedEvent> claimed = sink.database().inTransaction(tx -> buffer.claim("src", 10));
      buffer.deadLetter(claimed, "failed 5 times; last: handler down");
      DeadLetterStore store = DeadLetterStore.buffer(sink.database(), "pgpipe");

      List<DeadLetter> letters = store.list(LetterFilter.ALL);

      assertThat(letters).extracting(DeadLetter::origin).containsOnly(Origin.BUFFER);
      assertThat(letters).extracting(DeadLetter::position).containsExactly("0/1F4#0", "0/1F4#1");
      assertThat(letters.get(0).error()).isEqualTo("failed 5 times; last: handler down");
      assertThat(letters.get(0).sqlState()).isNull();
      ChangeEvent update = new EnvelopeCodec().decodeEvent(letters.get(1).event());
      assertThat(update.after()).containsEntry("v", "f").containsEntry("n", 6);
      assertThat(store.discard(new LetterFilter(List.of(), "t", "src", null))).isEqualTo(2);
      assertThat(store.list(LetterFilter.ALL)).isEmpty();
    }
  }

  @Test
  void aDatabaseWithoutTheTableListsNothing_andBadIdsAreRefused(TestDatabase db) {
    try (TableSink sink = sink(db)) {
      assertThat(DeadLetterStore.buffer(sink.database(), "nowhere").list(LetterFilter.ALL))
          .isEmpty();
      assertThat(DeadLetterStore.buffer(sink.database(), "nowhere").exists()).isFalse();
      assertThatThrownBy(() -> new LetterFilter(List.of(0L), null, null, null))
          .hasMessage("dead-letter id must be > 0: 0");
      assertThatThrownBy(() -> Origin.parse("kafka")).hasMessageContaining("use sink or buffer");
    }
  }
}
