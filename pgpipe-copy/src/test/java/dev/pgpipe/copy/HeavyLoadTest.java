package dev.pgpipe.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.client.Database;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Millions of rows: parallel connections with count and checksum, and bounded memory. */
@WithPostgres
class HeavyLoadTest {

  @PgTable(name = "ticks")
  record Tick(long id, int bucket, @PgColumn(epoch = EpochUnit.NANOS) long ts, double amount) {}

  private static Database db;

  @BeforeAll
  static void open(TestDatabase database) {
    db = Database.open(database.url());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static Tick tick(long i) {
    return new Tick(i, (int) (i % 1000), 1_700_000_000_000_000_000L + i * 1000, (i % 100) * 0.25);
  }

  @Test
  void fourConnectionsLoadFiveMillionRowsWithTheRightCountAndChecksum() {
    int rows = 5_000_000;
    db.sql("DROP TABLE IF EXISTS ticks").update();
    db.sql(
            "CREATE UNLOGGED TABLE ticks (id int8 NOT NULL, bucket int4 NOT NULL,"
                + " ts timestamptz NOT NULL, amount float8 NOT NULL)")
        .update();
    long bucketSum = 0;
    double amountSum = 0;
    try (BatchWriter<Tick> writer =
        BatchWriter.builder(db, Table.of(Tick.class))
            .connections(4)
            .maxRows(100_000)
            .maxPendingBytes(64L << 20)
            .open()) {
      for (long i = 0; i < rows; i++) {
        Tick tick = tick(i);
        bucketSum += tick.bucket();
        amountSum += tick.amount();
        writer.write(tick);
      }
      writer.close();
      assertThat(writer.stats().rows()).isEqualTo(rows);
    }

    Map<String, ?> sums =
        db.sql(
                "SELECT count(*) AS n, sum(id) AS ids, sum(bucket) AS buckets, sum(amount) AS amounts,"
                    + " count(DISTINCT ts) AS stamps FROM ticks")
            .asMaps()
            .one();
    assertThat(sums.get("n")).isEqualTo((long) rows);
    assertThat(String.valueOf(sums.get("ids")))
        .isEqualTo(Long.toString((long) rows * (rows - 1) / 2));
    assertThat(String.valueOf(sums.get("buckets"))).isEqualTo(Long.toString(bucketSum));
    assertThat((Double) sums.get("amounts")).isEqualTo(amountSum);
    assertThat(sums.get("stamps")).isEqualTo((long) rows);
  }

  @Test
  void aProducerFasterThanTheDatabaseKeepsTheHeapUnderMaxPendingBytesPlusAConstant() {
    int rows = 2_000_000; // ~50 MB encoded: far more than may be pending
    long maxPending = 8L << 20;
    long allowance = 24L << 20;
    db.sql("DROP TABLE IF EXISTS ticks").update();
    db.sql(
            "CREATE UNLOGGED TABLE ticks (id int8 NOT NULL, bucket int4 NOT NULL,"
                + " ts timestamptz NOT NULL, amount float8 NOT NULL)")
        .update();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long baseline = usedAfterGc(memory);
    long peak = 0;
    long peakPending = 0;
    try (BatchWriter<Tick> writer =
        BatchWriter.builder(db, Table.of(Tick.class))
            .maxBytes(1 << 20)
            .maxPendingBytes(maxPending)
            .open()) {
      for (long i = 0; i < rows; i++) {
        writer.write(tick(i));
        if (i % 250_000 == 0) {
          peak = Math.max(peak, usedAfterGc(memory) - baseline);
          peakPending = Math.max(peakPending, writer.stats().pendingBytes());
        }
      }
      writer.close();
    }
    assertThat(peakPending).isLessThanOrEqualTo(maxPending);
    assertThat(peak).isLessThan(maxPending + allowance);
    assertThat(db.sql("SELECT count(*) FROM ticks").scalar(Long.class)).isEqualTo(rows);
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
