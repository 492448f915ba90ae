package dev.pgpipe.market;

import static dev.pgpipe.market.LedgerLoadTest.TS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.client.Database;
import dev.pgpipe.dbn.DbnEncoder;
import dev.pgpipe.dbn.DbnEncoder.Compression;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A source's complete ledger row commits in the transaction of its last rows, after all its other
 * batches: at one record under, at and over a batch boundary, on the straight and the staged path,
 * and when that transaction fails, neither the last rows nor the row are there, and loading again
 * adds exactly the missing rows.
 */
@WithPostgres
class LedgerCommitTest {

  private static Database db;

  @TempDir Path directory;

  @BeforeAll
  static void open(TestDatabase database) {
    db = Database.builder().url(database.url()).maxSize(8).open();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  /** An MBO file of {@code count} records, one a nanosecond from {@code TS + from} on. */
  private Path file(String name, long from, long count) throws IOException {
    Path file = directory.resolve(name);
    try (OutputStream out = Files.newOutputStream(file);
        DbnEncoder encoder =
            DbnEncoder.of(
                out,
                Metadata.of("GLBX.MDP3", Schema.MBO, TS + from, TS + from + count),
                Compression.ZSTD)) {
      LongStream.range(from, from + count)
          .forEach(i -> encoder.write(LedgerLoadTest.mbo(TS + i, i)));
    }
    return file;
  }

  private static DbnLoader loader(String schema) {
    return DbnLoader.builder(db)
        .prefix(new TablePrefix(schema, ""))
        .batchRows(100)
        .connections(2)
        .build();
  }

  private static long count(String sql) {
    return db.sql(sql).scalar(Long.class);
  }

  /** Rows of {@code schema.mbo} committed in the transaction of the ledger row of {@code name}. */
  private static long rowsWithTheLedgerRow(String schema, String name) {
    return count(
        "SELECT count(*) FROM "
            + schema
            + ".mbo WHERE xmin::text = (SELECT xmin::text FROM "
            + schema
            + ".dbn_load_ledger WHERE name LIKE '%"
            + name
            + "' AND complete)");
  }

  /** Each row's order id, in key order, must be the records' 0 .. count - 1: none lost or twice. */
  private static void assertRowsAre(String schema, long count) {
    assertThat(
            db.sql("SELECT order_id FROM " + schema + ".mbo ORDER BY ts_recv_ns")
                .as(Long.class)
                .list())
        .containsExactlyElementsOf(LongStream.range(0, count).boxed().toList());
  }

  @ParameterizedTest(name = "{0} records in batches of 100: the row commits with the last {1}")
  @CsvSource({"199, 99", "200, 100", "201, 1"})
  void theCompleteRow_commitsWithTheLastBatch(long records, long inTheLastBatch)
      throws IOException {
    String schema = "c" + records;
    Path first = file("first.dbn.zst", 0, records);
    Path overlapping = file("overlapping.dbn.zst", records - 50, 100);

    loader(schema).load(List.of(first));
    loader(schema).load(List.of(overlapping));

    assertThat(rowsWithTheLedgerRow(schema, "first.dbn.zst")).isEqualTo(inTheLastBatch);
    assertThat(rowsWithTheLedgerRow(schema, "overlapping.dbn.zst"))
        .as("staged: only the 50 new rows, all in its one batch")
        .isEqualTo(50);
    assertThat(count("SELECT count(*) FROM " + schema + ".dbn_load_ledger WHERE staged")).isOne();
    assertRowsAre(schema, records + 50);
  }

  @Test
  void aRefusedLastTransaction_leavesNeitherTheLastRowsNorTheRow_andTheNextLoadAddsThem()
      throws IOException {
    Path file = file("a.dbn.zst", 0, 250);
    loader("c_refused").load(List.of(file("empty.dbn.zst", 0, 0)));
    db.sql(
            "CREATE FUNCTION c_refused.refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.complete THEN RAISE EXCEPTION 'ledger refused'; END IF;"
                + " RETURN NEW; END $$")
        .update();
    db.sql(
            "CREATE TRIGGER refuse BEFORE INSERT OR UPDATE ON c_refused.dbn_load_ledger"
                + " FOR EACH ROW EXECUTE FUNCTION c_refused.refuse()")
        .update();

    assertThatThrownBy(() -> loader("c_refused").load(List.of(file)))
        .hasMessageContaining("ledger refused");
    assertThat(count("SELECT count(*) FROM c_refused.mbo")).isEqualTo(200);
    assertThat(count("SELECT count(*) FROM c_refused.dbn_load_ledger WHERE name LIKE '%a.dbn.zst'"))
        .isZero();

    db.sql("DROP TRIGGER refuse ON c_refused.dbn_load_ledger").update();
    loader("c_refused").load(List.of(file));
    LoadReport third = loader("c_refused").load(List.of(file));

    assertRowsAre("c_refused", 250);
    assertThat(rowsWithTheLedgerRow("c_refused", "a.dbn.zst")).isEqualTo(50);
    assertThat(third.sourcesSkipped()).isOne();
  }
}
