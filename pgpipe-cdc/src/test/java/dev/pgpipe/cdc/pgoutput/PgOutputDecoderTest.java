package dev.pgpipe.cdc.pgoutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Begin;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Commit;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Delete;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Insert;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Message;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Origin;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Relation;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.StreamAbort;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.StreamCommit;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.StreamStart;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.StreamStop;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Truncate;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Type;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Update;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgOutputDecoderTest {

  /** 2024-01-02T03:04:05.123456Z in microseconds since 2000-01-01. */
  private static final long MICROS = 757_479_845_123_456L;

  private static final Instant TIME = Instant.parse("2024-01-02T03:04:05.123456Z");

  private static byte[] tuple(MessageWriter w) {
    return w.int16(4).text("42").int8('n').int8('u').text("héllo").bytes();
  }

  private static final TupleData TUPLE =
      new TupleData(
          List.of(
              new TupleValue.Text("42".getBytes(StandardCharsets.UTF_8)),
              TupleValue.Null.INSTANCE,
              TupleValue.Unchanged.INSTANCE,
              new TupleValue.Text("héllo".getBytes(StandardCharsets.UTF_8))));

  /** Every message outside a stream block, with what it must decode to. */
  static Map<byte[], PgOutputMessage> protocolOneMessages() {
    return Map.ofEntries(
        Map.entry(
            MessageWriter.type('B').int64(0x16B374D848L).int64(MICROS).int32(0xFFFFFFF0L).bytes(),
            new Begin(0x16B374D848L, TIME, 0xFFFFFFF0L)),
        Map.entry(
            MessageWriter.type('C').int8(0).int64(10).int64(20).int64(MICROS).bytes(),
            new Commit(0, 10, 20, TIME)),
        Map.entry(
            MessageWriter.type('O').int64(99).cstring("node_a").bytes(), new Origin(99, "node_a")),
        relationEntry(),
        Map.entry(
            MessageWriter.type('Y').int32(70000).cstring("public").cstring("mood").bytes(),
            new Type(0, 70000, "public", "mood")),
        Map.entry(
            tuple(MessageWriter.type('I').int32(16384).int8('N')), new Insert(0, 16384, TUPLE)),
        Map.entry(
            tuple(MessageWriter.type('U').int32(5).int8('N')),
            new Update(0, 5, (char) 0, null, TUPLE)),
        Map.entry(
            tuple(tupleThen(MessageWriter.type('U').int32(5).int8('K')).int8('N')),
            new Update(0, 5, 'K', TUPLE, TUPLE)),
        Map.entry(tuple(MessageWriter.type('D').int32(5).int8('O')), new Delete(0, 5, 'O', TUPLE)),
        Map.entry(
            MessageWriter.type('T').int32(2).int8(3).int32(5).int32(6).bytes(),
            new Truncate(0, 3, List.of(5L, 6L))),
        Map.entry(
            MessageWriter.type('M')
                .int8(1)
                .int64(77)
                .cstring("p")
                .int32(3)
                .int8(1)
                .int8(2)
                .int8(3)
                .bytes(),
            new Message(0, true, 77, "p", new byte[] {1, 2, 3})),
        Map.entry(MessageWriter.type('S').int32(900).int8(1).bytes(), new StreamStart(900, true)));
  }

  private static Map.Entry<byte[], PgOutputMessage> relationEntry() {
    return Map.entry(
        MessageWriter.type('R')
            .int32(16384)
            .cstring("")
            .cstring("t")
            .int8('f')
            .int16(2)
            .int8(1)
            .cstring("id")
            .int32(23)
            .int32(-1)
            .int8(0)
            .cstring("v")
            .int32(1043)
            .int32(14)
            .bytes(),
        new Relation(
            0,
            16384,
            "pg_catalog",
            "t",
            'f',
            List.of(
                new RelationColumn(true, "id", 23, -1), new RelationColumn(false, "v", 1043, 14))));
  }

  private static MessageWriter tupleThen(MessageWriter w) {
    w.int16(4).text("42").int8('n').int8('u').text("héllo");
    return w;
  }

  @Test
  void decodesEveryMessageFromAWholeBuffer() {
    protocolOneMessages()
        .forEach(
            (bytes, expected) ->
                assertThat(new PgOutputDecoder().decode(bytes)).isEqualTo(expected));
  }

  @Test
  void decodesStreamBlocksWithTheirLeadingXids() {
    PgOutputDecoder decoder = new PgOutputDecoder();
    decoder.decode(MessageWriter.type('S').int32(900).int8(1).bytes());
    assertThat(decoder.inStream()).isTrue();
    assertThat(decoder.decode(tuple(MessageWriter.type('I').int32(901).int32(16384).int8('N'))))
        .isEqualTo(new Insert(901, 16384, TUPLE));
    assertThat(decoder.decode(MessageWriter.type('T').int32(901).int32(1).int8(0).int32(5).bytes()))
        .isEqualTo(new Truncate(901, 0, List.of(5L)));
    assertThat(decoder.decode(MessageWriter.type('E').bytes())).isEqualTo(new StreamStop());
    assertThat(decoder.inStream()).isFalse();
    assertThat(
            decoder.decode(
                MessageWriter.type('c')
                    .int32(900)
                    .int8(0)
                    .int64(10)
                    .int64(20)
                    .int64(MICROS)
                    .bytes()))
        .isEqualTo(new StreamCommit(900, 0, 10, 20, TIME));
    assertThat(decoder.decode(MessageWriter.type('A').int32(900).int32(901).bytes()))
        .isEqualTo(new StreamAbort(900, 901, 0, null));
    assertThat(
            decoder.decode(
                MessageWriter.type('A').int32(900).int32(900).int64(33).int64(MICROS).bytes()))
        .isEqualTo(new StreamAbort(900, 900, 33, TIME));
  }

  @Test
  void everyTruncatedPrefixThrowsWithAnOffsetInsideTheMessage() {
    for (byte[] whole : protocolOneMessages().keySet()) {
      for (int length = 0; length < whole.length; length++) {
        byte[] prefix = Arrays.copyOf(whole, length);
        int limit = length;
        assertThatThrownBy(() -> new PgOutputDecoder().decode(prefix))
            .isInstanceOf(PgOutputException.class)
            .satisfies(e -> assertThat(((PgOutputException) e).offset()).isBetween(0, limit));
      }
    }
  }

  @Test
  void decodesMessagesFedOneByteAtATimeIntoAGrowingBuffer() {
    for (Map.Entry<byte[], PgOutputMessage> entry : protocolOneMessages().entrySet()) {
      ByteBuffer growing = ByteBuffer.allocate(entry.getKey().length);
      PgOutputMessage decoded = null;
      for (byte b : entry.getKey()) {
        growing.put(b);
        try {
          decoded = new PgOutputDecoder().decode(growing.duplicate().flip());
        } catch (PgOutputException incomplete) {
          assertThat(growing.position()).isLessThan(entry.getKey().length);
        }
      }
      assertThat(decoded).isEqualTo(entry.getValue());
    }
  }

  @Test
  void rejectsUnknownTypesAndTuplesAndTrailingBytesWithOffsets() {
    assertThatThrownBy(() -> new PgOutputDecoder().decode(new byte[] {'Z'}))
        .hasMessageContaining("unknown message type 'Z'")
        .hasMessageContaining("at byte 0");
    byte[] badTuple = MessageWriter.type('I').int32(1).int8('N').int16(1).int8('x').bytes();
    assertThatThrownBy(() -> new PgOutputDecoder().decode(badTuple))
        .isInstanceOf(PgOutputException.class)
        .satisfies(e -> assertThat(((PgOutputException) e).offset()).isEqualTo(8));
    byte[] trailing = MessageWriter.type('E').int8(0).bytes();
    assertThatThrownBy(() -> new PgOutputDecoder().decode(trailing))
        .hasMessageContaining("trailing");
  }

  @Test
  void leavesTheCallersBufferPositionAlone() {
    ByteBuffer buffer = ByteBuffer.wrap(MessageWriter.type('E').bytes());
    new PgOutputDecoder().decode(buffer);
    assertThat(buffer.position()).isZero();
  }

  @Test
  void formatsAndParsesLsns() {
    assertThat(Lsn.format(0x16B374D848L)).isEqualTo("16/B374D848");
    assertThat(Lsn.parse("16/B374D848")).isEqualTo(0x16B374D848L);
    assertThat(Lsn.parse(Lsn.format(-1L))).isEqualTo(-1L);
    assertThatThrownBy(() -> Lsn.parse("16-B3")).hasMessageContaining("16-B3");
  }
}
