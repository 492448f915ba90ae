package dev.pgpipe.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.copy.codec.BinaryCopy;
import dev.pgpipe.copy.codec.BinaryCopyReader;
import dev.pgpipe.copy.codec.WireBuffer;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The row encoder without a database: framing, rollback on refusal, and zero allocation. */
class RowEncoderTest {

  @PgTable(name = "trades")
  record Trade(
      @PgColumn(epoch = EpochUnit.NANOS) long tsEvent,
      @PgColumn(epoch = EpochUnit.NANOS) long tsRecv,
      long instrumentId,
      long price,
      long size,
      long sequence,
      int flags,
      int depth,
      char action,
      char side) {}

  private static final RowEncoder<Trade> ENCODER = RowEncoder.of(Table.of(Trade.class));

  private static Trade trade(long i) {
    return new Trade(
        1_700_000_000_000_000_123L + i,
        1_700_000_000_000_001_000L + i,
        i,
        100 + i,
        5,
        i,
        0,
        1,
        'T',
        'B');
  }

  @Test
  void encodesTuplesThatTheCopyReaderDecodesBack() {
    WireBuffer out = new WireBuffer(64);
    BinaryCopy.writeHeader(out);
    ENCODER.encode(trade(7), out, 0);
    ENCODER.encode(trade(8), out, 1);
    BinaryCopy.writeTrailer(out);

    BinaryCopyReader reader =
        new BinaryCopyReader(
            new ByteArrayInputStream(Arrays.copyOf(out.array(), out.size())), ENCODER.codecs());
    List<@org.jspecify.annotations.Nullable Object> first = reader.next();
    assertThat(first)
        .containsExactly(
            Instant.ofEpochSecond(1_700_000_000L, 0), // sub-microsecond digits dropped
            Instant.ofEpochSecond(1_700_000_000L, 1_000),
            7L,
            107L,
            5L,
            7L,
            0,
            1,
            "T",
            "B");
    assertThat(reader.next()).isNotNull();
    assertThat(reader.next()).isNull();
  }

  @Test
  void aRefusedRowLeavesTheBufferAsItWas() {
    Table<Object[]> table =
        Table.<Object[]>builder("t")
            .int8("a", r -> (Long) r[0])
            .column("b", "varchar(2)", r -> r[1])
            .build();
    RowEncoder<Object[]> encoder = RowEncoder.of(table);
    WireBuffer out = new WireBuffer(64);
    encoder.encode(new Object[] {1L, "ok"}, out, 0);
    int size = out.size();

    assertThatThrownBy(() -> encoder.encode(new Object[] {2L, "too long"}, out, 1))
        .isInstanceOfSatisfying(
            EncodingException.class,
            e -> {
              assertThat(e.table()).isEqualTo("public.t");
              assertThat(e.column()).isEqualTo("b");
              assertThat(e.row()).isEqualTo(1);
            });
    assertThat(out.size()).isEqualTo(size);
  }

  @Test
  void encodingFixedWidthRowsAllocatesNothingPerRowInSteadyState() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Trade[] rows = new Trade[1024];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = trade(i);
    }
    WireBuffer out = new WireBuffer(1 << 20);
    for (int round = 0; round < 2_000; round++) { // warm up: let the JIT compile the encoder
      encodeAll(rows, out);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    int rounds = 1_000;
    for (int round = 0; round < rounds; round++) {
      encodeAll(rows, out);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat((double) allocated / (rounds * rows.length)).isLessThan(0.1);
  }

  private static void encodeAll(Trade[] rows, WireBuffer out) {
    out.clear();
    for (int i = 0; i < rows.length; i++) {
      ENCODER.encode(rows[i], out, i);
    }
  }
}
