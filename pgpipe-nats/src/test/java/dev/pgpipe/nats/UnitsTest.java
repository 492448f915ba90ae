package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Column;
import dev.pgpipe.cdc.EventPosition;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.cdc.value.ValueKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Subjects, chunking, sequencing and settings, without a server. */
class UnitsTest {

  static final TableSchema TABLE =
      new TableSchema(
          "public",
          "t",
          'd',
          List.of(
              new Column("id", "int4", 23, ValueKind.INT32, false, false, true),
              new Column("v", "text", 25, ValueKind.STRING, false, true, false)));

  @Test
  void subjectTokensEscapeWhatNatsWouldSplitOn() {
    Subjects subjects = Subjects.defaults();
    assertThat(subjects.table("shop", "Sales", "Order Lines.v2"))
        .isEqualTo("pgpipe.shop.Sales.Order%20Lines%2Ev2");
    assertThat(Subjects.token("ä*>")).isEqualTo("%C3%A4%2A%3E");
    assertThat(subjects.transaction("shop")).isEqualTo("pgpipe.shop._tx");
    assertThat(subjects.deadLetters("shop", "sink-1")).isEqualTo("pgpipe_dead.shop.sink-1");
    assertThatThrownBy(() -> subjects.everything("a.b")).hasMessageContaining("'a.b'");
  }

  @Test
  void chunksFitTheLimitAreDeterministicAndReassembleTheTransaction() {
    Transaction tx = transaction(2_000, true);
    Chunker chunker = new Chunker(16 * 1024);
    List<Chunker.Chunk> chunks = chunker.split(tx, 0);
    assertThat(chunks).hasSizeGreaterThan(10);
    List<ChangeEvent> events = new ArrayList<>();
    EnvelopeCodec codec = new EnvelopeCodec();
    for (int i = 0; i < chunks.size(); i++) {
      Chunker.Chunk chunk = chunks.get(i);
      assertThat(chunk.payload().length).isLessThanOrEqualTo(16 * 1024);
      Transaction decoded =
          codec.decodeTransaction(new String(chunk.payload(), StandardCharsets.UTF_8));
      assertThat(decoded.part()).isEqualTo(i);
      assertThat(decoded.lastPart()).isEqualTo(i == chunks.size() - 1);
      events.addAll(decoded.events());
    }
    assertThat(events).isEqualTo(tx.events());
    List<Chunker.Chunk> again = chunker.split(tx, 0);
    assertThat(again).hasSameSizeAs(chunks);
    assertThat(again.get(3).payload()).isEqualTo(chunks.get(3).payload());
    assertThat(chunker.split(transaction(2_000, false), 7).get(0).transaction().part())
        .isEqualTo(7);
  }

  @Test
  void sequencerAppliesInOrderSkipsRedeliveriesAndRestartsResentTransactions() {
    Sequencer s = new Sequencer();
    ChunkHeader c0 = new ChunkHeader("src", "0/10", 5, 0, false, 0);
    ChunkHeader c1 = new ChunkHeader("src", "0/10", 5, 1, false, 0);
    ChunkHeader c2 = new ChunkHeader("src", "0/10", 5, 2, true, 3);
    assertThat(s.decide(1, c1)).isEqualTo(Sequencer.Action.ORPHAN);
    assertThat(s.decide(1, c0)).isEqualTo(Sequencer.Action.APPLY);
    s.took(1, c0, "r1");
    assertThat(s.decide(1, c0)).isEqualTo(Sequencer.Action.SKIP_HELD);
    assertThat(s.decide(3, c2)).isEqualTo(Sequencer.Action.UNEXPECTED);
    assertThat(s.decide(2, c1)).isEqualTo(Sequencer.Action.APPLY);
    s.took(2, c1, "r2");
    assertThat(s.heldReplies()).containsExactly("r1", "r2");
    assertThat(s.decide(9, c0)).isEqualTo(Sequencer.Action.RESTART);
    assertThat(s.decide(3, c2)).isEqualTo(Sequencer.Action.APPLY);
    s.completed(3);
    assertThat(s.decide(2, c1)).isEqualTo(Sequencer.Action.SKIP_DONE);
    s.deadLettered(4, new ChunkHeader("src", "0/20", 6, 0, false, 0));
    assertThat(s.decide(5, new ChunkHeader("src", "0/20", 6, 1, true, 2)))
        .isEqualTo(Sequencer.Action.DEAD_REST);
  }

  @Test
  void settingsNeverShowSecrets() {
    NatsSettings settings =
        NatsSettings.fromEnvironment(
                Map.of(
                    "NATS_URL",
                    "nats://a:4222,nats://b:4222",
                    "NATS_USER",
                    "u",
                    "NATS_PASSWORD",
                    "s3cret"))
            .build();
    assertThat(settings.servers()).containsExactly("nats://a:4222", "nats://b:4222");
    assertThat(settings.toString()).contains("user u").doesNotContain("s3cret");
    assertThat(NatsSettings.builder().servers("nats://h:1").token("t0ken").build().toString())
        .doesNotContain("t0ken");
    assertThatThrownBy(
            () -> NatsSettings.builder().servers("nats://h:1").token("x").user("u", "p").build())
        .hasMessageContaining("one kind");
  }

  private static Transaction transaction(int rows, boolean last) {
    Instant time = Instant.parse("2024-05-06T07:08:09.123456Z");
    List<ChangeEvent> events = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      events.add(
          new ChangeEvent(
              Operation.INSERT,
              TABLE,
              null,
              Map.of("id", i, "v", "value " + i),
              null,
              0,
              new EventPosition(0x100 + i, 77, time, i)));
    }
    return new Transaction(77, 0x100, 0x9000, 0x9100, time, events, 0, last);
  }
}
