package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.EventPosition;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.sink.Position;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A transaction the reader cut into parts, the publisher into chunks numbered across the parts, and
 * the consumer decoded back: what the sink's {@link Position} makes of the chunks, after a complete
 * transaction, chunk by chunk, on a redelivery from the first chunk or the middle, and for an empty
 * last part.
 */
class ChunkPositionsTest {

  private static final Instant TIME = Instant.parse("2024-05-06T07:08:09.123456Z");
  private static final long COMMIT = 0x9000;
  private static final long END = 0x9100;

  /** After a complete transaction that committed before, as the ledger records it. */
  private static final Position BEFORE = new Position(0x5000, Position.COMPLETE, 0x5100, true);

  private final Chunker chunker = new Chunker(2048);
  private final EnvelopeCodec codec = new EnvelopeCodec();

  @Test
  void chunksAreNumberedAcrossPartsAndKeepTheTransactionsIndexesAndLsns() {
    List<Transaction> chunks = publishAndDecode(parts(41, 16));
    assertThat(chunks).hasSizeGreaterThan(3);
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      Transaction chunk = chunks.get(i);
      assertThat(chunk.part()).isEqualTo(i);
      assertThat(chunk.lastPart()).isEqualTo(i == chunks.size() - 1);
      assertThat(List.of(chunk.xid(), chunk.commitLsn(), chunk.endLsn()))
          .containsExactly(77L, COMMIT, END);
      chunk.events().forEach(e -> indexes.add(e.index()));
    }
    assertThat(indexes).isEqualTo(range(0, 41));
  }

  @Test
  void eachChunkAfterACompleteTransactionRaisesThePositionToItsLastEvent() {
    List<Transaction> chunks = publishAndDecode(parts(41, 16));
    Position at = BEFORE;
    for (Transaction chunk : chunks) {
      for (ChangeEvent e : chunk.events()) {
        assertThat(at.covers(COMMIT, e.index()))
            .as("event %d before its chunk", e.index())
            .isFalse();
      }
      at = at.after(chunk);
      if (!chunk.lastPart()) {
        int last = chunk.events().get(chunk.size() - 1).index();
        assertThat(at).isEqualTo(new Position(COMMIT, last, BEFORE.endLsn(), true));
        assertThat(at.covers(COMMIT, last + 1)).isFalse();
      }
    }
    assertThat(at).isEqualTo(new Position(COMMIT, Position.COMPLETE, END, true));
  }

  @Test
  void aRedeliveryFromTheFirstChunkSkipsWhatWasAppliedAndAppliesTheRest() {
    List<Transaction> chunks = publishAndDecode(parts(41, 16));
    Position at = BEFORE;
    int applied = chunks.size() / 2;
    for (Transaction chunk : chunks.subList(0, applied)) {
      at = at.after(chunk);
    }
    Position crashed = at;
    for (Transaction chunk : chunks.subList(0, applied)) {
      assertThat(chunk.events()).allMatch(e -> crashed.covers(COMMIT, e.index()));
      at = at.after(chunk);
      assertThat(at).isEqualTo(crashed);
    }
    for (Transaction chunk : chunks.subList(applied, chunks.size())) {
      assertThat(chunk.events()).noneMatch(e -> crashed.covers(COMMIT, e.index()));
      at = at.after(chunk);
    }
    assertThat(at.eventIndex()).isEqualTo(Position.COMPLETE);
    Position done = at;
    assertThat(chunks.get(0).events()).allMatch(e -> done.covers(COMMIT, e.index()));
    assertThat(done.after(chunks.get(1))).as("a copy after completion").isEqualTo(done);
  }

  @Test
  void anEmptyLastPartIsOneEmptyLastChunkThatCompletesTheTransaction() {
    List<Transaction> parts = new ArrayList<>(parts(16, 16));
    Transaction first = parts.get(0);
    parts.set(0, part(first.events(), 0, false));
    parts.add(part(List.of(), 1, true));
    List<Transaction> chunks = publishAndDecode(parts);
    Transaction empty = chunks.get(chunks.size() - 1);
    assertThat(empty.events()).isEmpty();
    assertThat(empty.lastPart()).isTrue();
    assertThat(empty.part()).isEqualTo(chunks.size() - 1);
    Position at = BEFORE;
    for (Transaction chunk : chunks.subList(0, chunks.size() - 1)) {
      at = at.after(chunk);
    }
    assertThat(at.eventIndex()).isEqualTo(15);
    assertThat(at.after(empty)).isEqualTo(new Position(COMMIT, Position.COMPLETE, END, true));
  }

  @Test
  void aTransactionInOneChunkAfterACompleteOneIsComplete() {
    List<Transaction> chunks = publishAndDecode(parts(3, 16));
    assertThat(chunks).hasSize(1);
    assertThat(BEFORE.after(chunks.get(0)))
        .isEqualTo(new Position(COMMIT, Position.COMPLETE, END, true));
  }

  /** What the publisher sends for the parts and the consumer hands to the sink. */
  private List<Transaction> publishAndDecode(List<Transaction> parts) {
    List<Transaction> decoded = new ArrayList<>();
    int next = 0;
    for (Transaction part : parts) {
      List<Chunker.Chunk> chunks = chunker.split(part, next);
      next += chunks.size();
      for (Chunker.Chunk chunk : chunks) {
        decoded.add(codec.decodeTransaction(new String(chunk.payload(), StandardCharsets.UTF_8)));
      }
    }
    return decoded;
  }

  /** A transaction of {@code events} inserts as the reader cuts it: parts of {@code size}. */
  private static List<Transaction> parts(int events, int size) {
    List<Transaction> parts = new ArrayList<>();
    for (int from = 0; from < events; from += size) {
      List<ChangeEvent> run = new ArrayList<>();
      for (int i = from; i < Math.min(events, from + size); i++) {
        run.add(
            new ChangeEvent(
                Operation.INSERT,
                UnitsTest.TABLE,
                null,
                Map.of("id", i, "v", "value " + "x".repeat(i % 50)),
                null,
                0,
                new EventPosition(0x8000 + i, 77, TIME, i)));
      }
      parts.add(part(run, parts.size(), from + size >= events));
    }
    return parts;
  }

  private static Transaction part(List<ChangeEvent> events, int part, boolean last) {
    return new Transaction(77, 0x8000, COMMIT, END, TIME, events, part, last);
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(i);
    }
    return out;
  }
}
