package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.EventPosition;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.json.EnvelopeCodec;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a chunk says about its place in a transaction: the numbering and last flag the chunker gives
 * it, and the headers a consumer orders, skips or dead-letters it by.
 */
class ChunkingTest {

  /** A part with one event per value, committed at 0x9000. */
  static Transaction part(boolean last, String... values) {
    List<ChangeEvent> events = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      events.add(
          new ChangeEvent(
              Operation.INSERT,
              UnitsTest.TABLE,
              null,
              Map.of("id", i, "v", values[i]),
              null,
              0,
              new EventPosition(0x100 + i, 77, Instant.EPOCH, i)));
    }
    return new Transaction(77, 0x100, 0x9000, 0x9100, Instant.EPOCH, events, 0, last);
  }

  /** Twelve inserts of 200 characters: three chunks or more at a limit of 1 KiB. */
  static Transaction spanningChunksOf1024() {
    String[] values = new String[12];
    Arrays.fill(values, "x".repeat(200));
    return part(true, values);
  }

  private static Transaction decoded(Chunker.Chunk chunk) {
    return new EnvelopeCodec()
        .decodeTransaction(new String(chunk.payload(), StandardCharsets.UTF_8));
  }

  @Test
  void chunksAreNumberedFromTheFirstChunkOnAndOnlyTheLastOfTheLastPartEndsIt() {
    String[] values = new String[40];
    Arrays.fill(values, "x".repeat(100));
    Chunker chunker = new Chunker(1024);
    for (boolean lastPart : new boolean[] {true, false}) {
      List<Chunker.Chunk> chunks = chunker.split(part(lastPart, values), 5);
      assertThat(chunks).hasSizeGreaterThan(2);
      List<ChangeEvent> events = new ArrayList<>();
      for (int i = 0; i < chunks.size(); i++) {
        Transaction chunk = decoded(chunks.get(i));
        assertThat(chunk.part()).isEqualTo(5 + i);
        assertThat(chunks.get(i).transaction().part()).isEqualTo(5 + i);
        assertThat(chunk.lastPart()).isEqualTo(lastPart && i == chunks.size() - 1);
        assertThat(chunk.commitLsn()).isEqualTo(0x9000);
        assertThat(chunk.endLsn()).isEqualTo(0x9100);
        assertThat(chunk.xid()).isEqualTo(77);
        assertThat(chunks.get(i).payload().length).isLessThanOrEqualTo(1024);
        events.addAll(chunk.events());
      }
      assertThat(events).isEqualTo(part(lastPart, values).events());
    }
  }

  @Test
  void anEmptyPartIsOneChunkCarryingItsLastFlag() {
    Chunker chunker = new Chunker(1024);
    assertThat(chunker.split(part(true), 3))
        .singleElement()
        .satisfies(c -> assertThat(decoded(c).lastPart()).isTrue())
        .satisfies(c -> assertThat(decoded(c).part()).isEqualTo(3));
    assertThat(chunker.split(part(false), 0))
        .singleElement()
        .satisfies(c -> assertThat(decoded(c).lastPart()).isFalse());
  }

  @Test
  void anEventThatFillsAChunkExactlyFitsAndOneByteMoreDoesNot() {
    int probe = new Chunker(1 << 20).split(part(true, "v"), 0).get(0).payload().length;
    String exact = "v".repeat(1 + 2048 - probe);
    List<Chunker.Chunk> chunks = new Chunker(2048).split(part(true, exact), 0);
    assertThat(chunks).singleElement().satisfies(c -> assertThat(c.payload()).hasSize(2048));
    assertThatThrownBy(() -> new Chunker(2048).split(part(true, "a", exact + "v"), 0))
        .isInstanceOf(NatsTransportException.class)
        .hasMessageContaining("event 1 (insert on public.t)")
        .hasMessageContaining("0/9000")
        .hasMessageContaining("2049 bytes, more than the chunk limit of 2048");
  }

  /**
   * The cut is part of the wire contract: message ids name only the part size and the limit, so a
   * publisher of another version restarted within the duplicate window must cut a part as before,
   * or JetStream drops its chunks as copies of others. A part just over the limit is halved first.
   */
  @Test
  void aPartJustOverTheLimitIsHalvedFirst() {
    String[] values = new String[11];
    Arrays.fill(values, "v");
    int limit =
        new Chunker(1 << 20)
            .split(part(true, Arrays.copyOf(values, 10)), 0)
            .get(0)
            .payload()
            .length;
    List<Chunker.Chunk> chunks = new Chunker(limit).split(part(true, values), 0);
    assertThat(chunks).extracting(c -> c.transaction().size()).containsExactly(5, 6);
  }

  @Test
  void theChunkLimitIsAtLeastOneKibibyte() {
    assertThat(new Chunker(1024).maxBytes()).isEqualTo(1024);
    assertThatThrownBy(() -> new Chunker(1023)).hasMessageContaining("1023");
  }

  @Test
  void aHeaderNamesAChunkWithinItsKnownCountOnly() {
    assertThat(new ChunkHeader("s", "0/A", 1, 2, true, 3).chunks()).isEqualTo(3);
    assertThat(new ChunkHeader("s", "0/A", 1, 7, false, 0).chunks()).as("unknown").isZero();
    for (int[] bad : new int[][] {{-1, 0}, {0, -1}, {3, 3}, {4, 3}}) {
      assertThatThrownBy(() -> new ChunkHeader("s", "0/A", 1, bad[0], false, bad[1]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("bad chunk " + bad[0] + " of " + bad[1]);
    }
  }

  @Test
  void headersCarryEverythingTheConsumerDecidesBy() {
    ChunkHeader known = new ChunkHeader("shop", "0/16B3748", 901, 2, true, 3);
    ChunkHeader unknown = new ChunkHeader("shop", "snapshot:0/1:public.t", 0, 4, false, 0);
    assertThat(ChunkHeader.from(known.toHeaders())).isEqualTo(known);
    assertThat(ChunkHeader.from(unknown.toHeaders())).isEqualTo(unknown);
    assertThat(unknown.toHeaders().getFirst(ChunkHeader.CHUNKS)).isNull();
    assertThat(known.toHeaders().getFirst(ChunkHeader.CHUNKS)).isEqualTo("3");
    assertThat(known.messageId("p0c1048576")).isEqualTo("shop:0/16B3748:2:p0c1048576");
    assertThat(unknown.messageId("p0c4096")).isEqualTo("shop:snapshot:0/1:public.t:4:p0c4096");
    assertThat(known.messageId("p500c4096"))
        .as("another cut, another id")
        .isNotEqualTo(known.messageId("p1500c4096"));
    assertThat(known.isSnapshot()).isFalse();
    assertThat(unknown.isSnapshot()).isTrue();
  }

  @Test
  void aMessageWithoutPgpipeHeadersIsRefusedSayingWhy() {
    assertThatThrownBy(() -> ChunkHeader.from(null)).hasMessageContaining("without headers");
    Headers missing = new ChunkHeader("s", "0/A", 1, 0, true, 0).toHeaders();
    missing.remove(ChunkHeader.XID);
    assertThatThrownBy(() -> ChunkHeader.from(missing)).hasMessageContaining("Pgpipe-Xid");
    Headers empty = new ChunkHeader("s", "0/A", 1, 0, true, 0).toHeaders();
    empty.put(ChunkHeader.SOURCE, "");
    assertThatThrownBy(() -> ChunkHeader.from(empty)).hasMessageContaining("Pgpipe-Source");
    Headers malformed = new ChunkHeader("s", "0/A", 1, 0, true, 0).toHeaders();
    malformed.put(ChunkHeader.CHUNK, "two");
    assertThatThrownBy(() -> ChunkHeader.from(malformed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed pgpipe header");
  }
}
