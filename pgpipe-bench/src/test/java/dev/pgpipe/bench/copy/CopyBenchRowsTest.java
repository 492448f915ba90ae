package dev.pgpipe.bench.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.copy.RowEncoder;
import dev.pgpipe.copy.Table;
import dev.pgpipe.copy.codec.WireBuffer;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The benchmark's rows, CSV stream and hand-written encoder, without a database. */
class CopyBenchRowsTest {

  @Test
  void generatedTradesAreDeterministicWithUniqueSequencesAndWholeMicroseconds() {
    Trade[] first = Trades.generate(10_000);
    Trade[] again = Trades.generate(10_000);

    assertThat(again).containsExactly(first);
    assertThat(Arrays.stream(first).mapToLong(Trade::sequence).distinct().count())
        .isEqualTo(10_000);
    assertThat(first).allSatisfy(t -> assertThat(t.tsRecv() % 1000).isZero());
    assertThat(first).allSatisfy(t -> assertThat(t.tsRecv()).isGreaterThan(t.tsEvent()));
  }

  @Test
  void checksumChangesWhenARowIsLostOrAltered() {
    Trade[] rows = Trades.generate(1_000);
    Trade[] altered = rows.clone();
    Trade t = rows[500];
    altered[500] =
        new Trade(
            t.tsEvent(),
            t.tsRecv(),
            t.instrumentId(),
            t.price() + 1,
            t.size(),
            t.sequence(),
            t.flags(),
            t.depth(),
            t.action(),
            t.side());

    assertThat(Trades.checksum(altered)).isNotEqualByComparingTo(Trades.checksum(rows));
    assertThat(Trades.checksum(Arrays.copyOf(rows, 999)))
        .isNotEqualByComparingTo(Trades.checksum(rows));
  }

  @Test
  void csvReaderStreamsOneLinePerTradeAcrossChunks() throws IOException {
    Trade[] rows = Trades.generate(10_000); // more than two chunks
    StringBuilder text = new StringBuilder();
    char[] small = new char[7];
    try (CsvReader csv = new CsvReader(rows)) {
      for (int n = csv.read(small, 0, small.length); n > 0; n = csv.read(small, 0, 7)) {
        text.append(small, 0, n);
      }
    }

    String[] lines = text.toString().split("\n");
    assertThat(lines).hasSize(rows.length);
    StringBuilder expected = new StringBuilder();
    CsvReader.appendLine(expected, rows[9_999]);
    assertThat(lines[9_999] + "\n").isEqualTo(expected.toString());
    assertThat(lines[0])
        .matches(
            "2023-11-14T22:13:20Z,2023-11-14T22:13:20\\.\\d+Z,\\d+,\\d+,\\d+,1,\\d+,\\d+,[TF],[ABN]");
  }

  @Test
  void handWrittenEncoderWritesTheBytesOfTheTypedMapping() {
    RowEncoder<Trade> encoder = RowEncoder.of(Table.of(Trade.class));
    WireBuffer typed = new WireBuffer(1 << 16);
    WireBuffer byHand = new WireBuffer(1 << 16);
    for (Trade trade : Trades.generate(500)) {
      encoder.encode(trade, typed, 0);
      EncodeBenchmark.encodeByHand(trade, byHand);
    }

    assertThat(Arrays.copyOf(byHand.array(), byHand.size()))
        .isEqualTo(Arrays.copyOf(typed.array(), typed.size()));
  }
}
