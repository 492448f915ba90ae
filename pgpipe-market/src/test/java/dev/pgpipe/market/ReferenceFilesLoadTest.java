package dev.pgpipe.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgpipe.client.Database;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Loads every DBN reference file (v1, v2, v3; plain and zstd; seven datasets; a mixed live capture)
 * into the embedded database and checks each stored value against the decoder.
 */
@WithPostgres
class ReferenceFilesLoadTest {

  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final AtomicLong VALUES = new AtomicLong();
  private static Database db;
  private static TestDatabase database;

  @BeforeAll
  static void open(TestDatabase testDatabase) {
    database = testDatabase;
    db = Database.builder().url(testDatabase.url()).maxSize(4).open();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @TestFactory
  Stream<DynamicTest> everyReferenceFile_loadsValueByValueAsDecoded() {
    Path root = Fixtures.dbnDirectory();
    return Fixtures.referenceFiles().stream()
        .map(file -> DynamicTest.dynamicTest(root.relativize(file).toString(), () -> check(file)));
  }

  private static void check(Path file) {
    TablePrefix prefix = new TablePrefix("public", "f" + NEXT.incrementAndGet() + "_");
    LoadReport report = DbnLoader.builder(db).prefix(prefix).build().load(List.of(file));
    Map<String, Map<List<Long>, JsonNode>> expected = ExpectedRows.of(file);

    assertThat(report.tables())
        .extracting(TableReport::table)
        .containsExactlyInAnyOrderElementsOf(
            expected.keySet().stream().map(prefix::qualify).toList());
    for (TableReport table : report.tables()) {
      assertThat(table.rowsInRange()).as(table.table()).isEqualTo(table.records());
    }
    expected.forEach((name, rows) -> checkTable(file, prefix, name, rows));
  }

  private static void checkTable(
      Path file, TablePrefix prefix, String name, Map<List<Long>, JsonNode> expected) {
    MarketTable<?> market = MarketTables.named(name).orElseThrow();
    TableRows stored = TableRows.read(database, prefix.qualify(name), market.keyColumn());
    assertThat(stored.rows().keySet())
        .as("%s: keys of %s", file, name)
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach(
        (key, json) -> {
          String where = file.getFileName() + " " + name + " " + key;
          Map<String, @Nullable Object> row = Objects.requireNonNull(stored.rows().get(key), where);
          VALUES.addAndGet(RowCheck.check(where, stored.types(), row, json));
          checkSymbol(where, row, json);
        });
  }

  /** The symbology's symbol; for definitions without one, their own raw symbol. */
  private static void checkSymbol(String where, Map<String, @Nullable Object> row, JsonNode json) {
    JsonNode symbol = json.get("symbol");
    if (symbol != null && !symbol.isNull()) {
      assertThat(row.get("symbol")).as(where + ", symbol").isEqualTo(symbol.asText());
    } else if (json.has("raw_symbol")) {
      assertThat(row.get("symbol"))
          .as(where + ", symbol")
          .isEqualTo(json.get("raw_symbol").asText());
    }
  }

  @Test
  void theReferenceFilesCoverEveryRecordFamily() {
    List<Path> files = Fixtures.referenceFiles();
    List<String> tables =
        files.stream().flatMap(f -> ExpectedRows.of(f).keySet().stream()).distinct().toList();
    assertThat(files).hasSizeGreaterThan(60);
    assertThat(tables)
        .contains("mbo", "trades", "mbp_1", "mbp_10", "tbbo", "bbo_1s", "bbo_1m", "cmbp_1")
        .contains("cbbo_1s", "ohlcv_1s", "ohlcv_1m", "ohlcv_1h", "ohlcv_1d", "definition")
        .contains("statistics", "status", "imbalance");
  }
}
