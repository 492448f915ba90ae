package dev.pgpipe.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.client.Database;
import dev.pgpipe.copy.SchemaMode;
import dev.pgpipe.dbn.DbnEncoder;
import dev.pgpipe.dbn.DbnEncoder.Compression;
import dev.pgpipe.dbn.InstrumentDefMsg;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.RType;
import dev.pgpipe.dbn.RecordHeader;
import dev.pgpipe.dbn.SymbolMappingMsg;
import dev.pgpipe.dbn.TradeMsg;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mixed stream (live-style): several tables, symbols and underlyings looked up while loading. */
@WithPostgres
class MixedFileLoadTest {

  private static final long TS = 1_767_225_600_000_000_000L;
  private static Database db;

  @TempDir Path directory;

  @BeforeAll
  static void open(TestDatabase database) {
    db = Database.builder().url(database.url()).maxSize(4).open();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private Path mixedFile() throws IOException {
    Path file = directory.resolve("mixed.dbn.zst");
    try (OutputStream out = Files.newOutputStream(file);
        DbnEncoder encoder =
            DbnEncoder.of(out, Metadata.of("OPRA.PILLAR", null, TS, TS + 10), Compression.ZSTD)) {
      encoder.write(
          new SymbolMappingMsg(
              new RecordHeader(RType.SYMBOL_MAPPING, 1, 42, TS),
              1,
              "ESZ6",
              0,
              "ESZ6",
              TS,
              TS + 1_000_000));
      encoder.write(
          Records.with(
              InstrumentDefMsg.class,
              new RecordHeader(RType.INSTRUMENT_DEF, 1, 43, TS),
              Map.of(
                  "tsRecv",
                  TS + 1,
                  "rawSymbol",
                  "ESZ6 C5000",
                  "underlying",
                  "ESZ6",
                  "expiration",
                  -1L)));
      encoder.write(trade(42, TS + 2));
      encoder.write(trade(43, TS + 3));
      encoder.write(trade(43, TS + 3));
      encoder.write(trade(44, TS + 4));
    }
    return file;
  }

  private static TradeMsg trade(long instrument, long tsRecv) {
    RecordHeader header = new RecordHeader(RType.MBP_0, 1, instrument, tsRecv - 1);
    return new TradeMsg(header, 5_000_250_000_000L, 2, 'T', 'B', 0, 0, tsRecv, 9, 1);
  }

  @Test
  void mixedStream_fillsATablePerSchema_withSymbolsAndUnderlyingsFromWhatCameBefore()
      throws IOException {
    Path file = mixedFile();
    TablePrefix prefix = new TablePrefix("mixed", "");

    LoadReport first = DbnLoader.builder(db).prefix(prefix).build().load(List.of(file));
    LoadReport again =
        DbnLoader.builder(db).prefix(prefix).mode(SchemaMode.STRICT).build().load(List.of(file));

    assertThat(first.tables())
        .containsExactly(
            new TableReport("mixed.definition", 1, 1, 0), new TableReport("mixed.trades", 4, 4, 0));
    assertThat(first.skipped()).isEqualTo(1);
    assertThat(again.tables()).isEmpty();
    assertThat(again.sourcesSkipped()).isEqualTo(1);
    assertThat(
            db.sql(
                    "SELECT instrument_id || ':' || coalesce(symbol, '-') || ':' || coalesce(underlying, '-')"
                        + " || ':' || tie FROM mixed.trades ORDER BY ts_recv_ns, tie")
                .as(String.class)
                .list())
        .containsExactly("42:ESZ6:-:0", "43:ESZ6 C5000:ESZ6:0", "43:ESZ6 C5000:ESZ6:1", "44:-:-:0");
    assertThat(
            db.sql(
                    "SELECT symbol || ' ' || (expiration IS NULL) || ' ' || expiration_ns FROM mixed.definition")
                .scalar(String.class))
        .isEqualTo("ESZ6 C5000 true -1");
    assertThat(db.sql("SELECT price::text FROM mixed.trades_decimal LIMIT 1").scalar(String.class))
        .isEqualTo("5000.250000000");
    assertThat(
            db.sql(
                    "SELECT (SELECT count(*) FROM mixed.trades t WHERE t.xmin::text = l.xmin::text)"
                        + " || ' ' || (SELECT count(*) FROM mixed.definition d"
                        + " WHERE d.xmin::text = l.xmin::text) FROM mixed.dbn_load_ledger l")
                .scalar(String.class))
        .as("the ledger row commits with the last table's rows, the other table's before them")
        .isEqualTo("4 0");
  }
}
