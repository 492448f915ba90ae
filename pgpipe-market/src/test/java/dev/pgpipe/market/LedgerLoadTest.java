package dev.pgpipe.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.client.Database;
import dev.pgpipe.dbn.DbnEncoder;
import dev.pgpipe.dbn.DbnEncoder.Compression;
import dev.pgpipe.dbn.MboMsg;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.RType;
import dev.pgpipe.dbn.RecordHeader;
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

/**
 * The load ledger and the choice of path: a new range goes straight in, a reload is skipped without
 * writing, an overlap is staged, a range that was claimed free but is not falls back to staging,
 * and partitions and fragments load the same rows.
 */
@WithPostgres
class LedgerLoadTest {

  static final long DAY = 86_400_000_000_000L;
  static final long TS = 1_767_225_600_000_000_000L; // 2026-01-01T00:00Z
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

  static MboMsg mbo(long tsRecv, long orderId) {
    return new MboMsg(
        new RecordHeader(RType.MBO, 1, 7, tsRecv - 5),
        orderId,
        1_000_000_000L * orderId,
        1,
        0,
        0,
        'A',
        'B',
        tsRecv,
        5,
        orderId);
  }

  /** An MBO file whose metadata claims [start, end) and whose records are at the given times. */
  Path file(String name, long start, long end, LongStream times) throws IOException {
    Path file = directory.resolve(name);
    try (OutputStream out = Files.newOutputStream(file);
        DbnEncoder encoder =
            DbnEncoder.of(
                out, Metadata.of("GLBX.MDP3", Schema.MBO, start, end), Compression.ZSTD)) {
      times.forEach(t -> encoder.write(mbo(t, t % 1_000_000)));
    }
    return file;
  }

  private DbnLoader loader(String schema) {
    return DbnLoader.builder(db).prefix(new TablePrefix(schema, "")).batchRows(100).build();
  }

  private long count(String sql) {
    return db.sql(sql).scalar(Long.class);
  }

  @Test
  void reloadOfALedgeredFile_isSkippedAndWritesNothing() throws IOException {
    Path file = file("a.dbn.zst", TS, TS + 1000, LongStream.range(0, 1000).map(i -> TS + i));
    LoadReport first = loader("l1").load(List.of(file));
    String ledgerXmin = db.sql("SELECT xmin::text FROM l1.dbn_load_ledger").scalar(String.class);
    long batches = count("SELECT count(*) FROM l1.dbn_batch_ledger");

    LoadReport again = loader("l1").load(List.of(file));

    assertThat(first.tables()).containsExactly(new TableReport("l1.mbo", 1000, 1000, 0));
    assertThat(again.sourcesSkipped()).isEqualTo(1);
    assertThat(again.tables()).isEmpty();
    assertThat(count("SELECT count(*) FROM l1.mbo")).isEqualTo(1000);
    assertThat(db.sql("SELECT xmin::text FROM l1.dbn_load_ledger").scalar(String.class))
        .isEqualTo(ledgerXmin);
    assertThat(count("SELECT count(*) FROM l1.dbn_batch_ledger")).isEqualTo(batches).isEqualTo(10);
    assertThat(
            db.sql(
                    "SELECT dataset || ' ' || schema || ' ' || (start_ns - "
                        + TS
                        + ") || ' ' || (end_ns - "
                        + TS
                        + ") || ' ' || records || ' ' || complete || ' ' || (resume_ns IS NULL)"
                        + " || ' ' || (source LIKE 'sha256:%')"
                        + " FROM l1.dbn_load_ledger")
                .scalar(String.class))
        .isEqualTo("GLBX.MDP3 mbo 0 999 1000 true true true");
    assertThat(paths("l1")).isEqualTo("a.dbn.zst:false");
  }

  @Test
  void newRange_goesStraightIn_overlappingRange_isStaged_withoutDuplicates() throws IOException {
    Path first = file("a.dbn.zst", TS, TS + 100, LongStream.range(0, 100).map(i -> TS + i));
    Path overlapping =
        file("b.dbn.zst", TS + 50, TS + 150, LongStream.range(50, 150).map(i -> TS + i));
    DbnLoader loader = loader("l2");

    loader.load(List.of(first));
    loader.load(List.of(overlapping));

    assertThat(count("SELECT count(*) FROM l2.mbo")).isEqualTo(150);
    assertThat(count("SELECT count(DISTINCT ts_recv_ns) FROM l2.mbo")).isEqualTo(150);
    assertThat(paths("l2")).isEqualTo("a.dbn.zst:false,b.dbn.zst:true");
  }

  /** Each file of the ledger and whether it took the staged path. */
  private static String paths(String schema) {
    return db.sql(
            "SELECT string_agg(regexp_replace(name, '.*/', '') || ':' || staged, ','"
                + " ORDER BY name) FROM "
                + schema
                + ".dbn_load_ledger WHERE complete")
        .scalar(String.class);
  }

  @Test
  void rangeClaimedFreeButHeld_fallsBackToStaging_andAddsOnlyTheNewRows() throws IOException {
    Path held = file("a.dbn.zst", TS, TS + 10, LongStream.range(0, 10).map(i -> TS + i));
    // metadata claims a range the table does not hold, but five records repeat held keys
    Path lying =
        file(
            "b.dbn.zst",
            TS + 1000,
            TS + 2000,
            LongStream.concat(
                LongStream.range(5, 10).map(i -> TS + i),
                LongStream.range(1000, 1300).map(i -> TS + i)));
    DbnLoader loader = loader("l3");

    loader.load(List.of(held));
    LoadReport report = loader.load(List.of(lying));

    assertThat(report.tables()).containsExactly(new TableReport("l3.mbo", 305, 305, 0));
    assertThat(count("SELECT count(*) FROM l3.mbo")).isEqualTo(310);
    assertThat(paths("l3")).isEqualTo("a.dbn.zst:false,b.dbn.zst:true");
  }

  @Test
  void damagedFile_keepsTheRowsBeforeTheDamage_andTheLedgerRecordsHowFarItGot() throws IOException {
    Path whole = file("a.dbn", TS, TS + 500, LongStream.range(0, 500).map(i -> TS + i));
    Path damaged = directory.resolve("damaged.dbn.zst");
    byte[] bytes = encodePlain(LongStream.range(0, 500).map(i -> TS + i));
    Files.write(damaged, java.util.Arrays.copyOf(bytes, bytes.length - 30));
    DbnLoader loader = loader("l4");

    assertThatThrownBy(() -> loader.load(List.of(damaged))).isInstanceOf(LoadFailedException.class);
    assertThat(count("SELECT count(*) FROM l4.mbo")).isEqualTo(499);
    assertThat(
            db.sql(
                    "SELECT records || ' ' || complete || ' ' || (resume_ns - "
                        + TS
                        + ") FROM l4.dbn_load_ledger")
                .scalar(String.class))
        .isEqualTo("499 false 498");
    loader.load(List.of(whole));
    assertThat(count("SELECT count(*) FROM l4.mbo")).isEqualTo(500);
  }

  private byte[] encodePlain(LongStream times) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (DbnEncoder encoder =
        DbnEncoder.of(out, Metadata.of("GLBX.MDP3", Schema.MBO, TS, TS + 500), Compression.NONE)) {
      times.forEach(t -> encoder.write(mbo(t, t % 1_000_000)));
    }
    return out.toByteArray();
  }

  @Test
  void dayPartitions_areCreatedAsRowsArrive_andHoldEveryRow() throws IOException {
    Path file =
        file(
            "days.dbn.zst",
            TS,
            TS + 3 * DAY,
            LongStream.range(0, 300).map(i -> TS + i * (DAY / 100)));
    DbnLoader loader =
        DbnLoader.builder(db)
            .prefix(new TablePrefix("l5", ""))
            .batchRows(64)
            .partitioning(Partitioning.DAY)
            .build();

    loader.load(List.of(file));
    LoadReport again = loader.load(List.of(file));

    assertThat(
            db.sql(
                    "SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_inherits i"
                        + " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'l5.mbo'::regclass")
                .scalar(String.class))
        .isEqualTo("mbo_p20260101,mbo_p20260102,mbo_p20260103");
    assertThat(count("SELECT count(*) FROM l5.mbo")).isEqualTo(300);
    assertThat(count("SELECT count(*) FROM l5.mbo_p20260102")).isEqualTo(100);
    assertThat(again.sourcesSkipped()).isEqualTo(1);
  }

  @Test
  void partitioningAnExistingPlainTable_isRefusedWithWhatToDo() throws IOException {
    Path file = file("a.dbn.zst", TS, TS + 10, LongStream.range(0, 10).map(i -> TS + i));
    loader("l6").load(List.of(file));
    Path other = file("b.dbn.zst", TS + 10, TS + 20, LongStream.range(10, 20).map(i -> TS + i));

    assertThatThrownBy(
            () ->
                DbnLoader.builder(db)
                    .prefix(new TablePrefix("l6", ""))
                    .partitioning(Partitioning.MONTH)
                    .build()
                    .load(List.of(other)))
        .hasMessageContaining("\"l6\".\"mbo\" exists and is not partitioned")
        .hasMessageContaining("--schema-prefix");
  }

  @Test
  void fragment_loadsLikeTheFileItWasCutFrom() throws IOException {
    Path fragment = directory.resolve("part.dbn.frag");
    try (OutputStream out = Files.newOutputStream(fragment);
        DbnEncoder encoder = DbnEncoder.fragment(out, 3, false, Compression.NONE)) {
      LongStream.range(0, 40).forEach(i -> encoder.write(mbo(TS + i, i)));
    }
    DbnLoader loader = DbnLoader.builder(db).prefix(new TablePrefix("l7", "")).fragment(3).build();

    LoadReport report = loader.load(List.of(fragment));

    assertThat(report.tables()).containsExactly(new TableReport("l7.mbo", 40, 40, 0));
    assertThat(db.sql("SELECT dataset IS NULL FROM l7.dbn_load_ledger").scalar(Boolean.class))
        .isTrue();
  }
}
