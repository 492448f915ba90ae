package dev.pgpipe.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.client.Database;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rows the server refuses: named without bisection, isolated with it; and upserts. */
@WithPostgres
class BadRowsTest {

  @PgTable(name = "readings", primaryKey = "id")
  record Reading(long id, int value) {}

  private static Database db;

  @BeforeAll
  static void open(TestDatabase database) {
    db = Database.open(database.url());
    db.sql("CREATE TABLE readings (id int8 PRIMARY KEY, value int4 NOT NULL CHECK (value >= 0))")
        .update();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void empty() {
    db.sql("TRUNCATE readings").update();
  }

  private static List<Reading> rowsWithBadOnesAt(int count, List<Integer> bad) {
    return java.util.stream.IntStream.range(0, count)
        .mapToObj(i -> new Reading(i, bad.contains(i) ? -1 : i))
        .toList();
  }

  private static long count() {
    return db.sql("SELECT count(*) FROM readings").scalar(Long.class);
  }

  @Test
  void withoutBisectionTheWholeCopyFailsNamingTheServerMessageAndRow() {
    try (CopyWriter<Reading> copy = CopyWriter.open(db, Table.of(Reading.class))) {
      copy.writeAll(rowsWithBadOnesAt(100, List.of(42)));
      assertThatThrownBy(copy::finish)
          .isInstanceOfSatisfying(
              CopyFailedException.class,
              e -> {
                assertThat(e.sqlState()).isEqualTo("23514");
                assertThat(e.row()).hasValue(42);
                assertThat(e.getMessage()).contains("readings_value_check").contains("at row 42");
              });
    }
    assertThat(count()).isZero();
  }

  @Test
  void bisectionHandsBadRowsToTheRejectHandlerAndLoadsTheRest() {
    List<Rejected<Reading>> rejected = new CopyOnWriteArrayList<>();
    CopyOptions<Reading> options = CopyOptions.<Reading>defaults().bisect(rejected::add);
    CopyResult result;
    try (CopyWriter<Reading> copy = CopyWriter.open(db, Table.of(Reading.class), options)) {
      copy.writeAll(rowsWithBadOnesAt(1000, List.of(3, 500, 501, 999)));
      result = copy.finish();
    }

    assertThat(result.rows()).isEqualTo(996);
    assertThat(result.rejected()).isEqualTo(4);
    assertThat(rejected).extracting(Rejected::index).containsExactly(3L, 500L, 501L, 999L);
    assertThat(rejected).extracting(r -> r.row().id()).containsExactly(3L, 500L, 501L, 999L);
    assertThat(rejected).allSatisfy(r -> assertThat(r.error().isCheckViolation()).isTrue());
    assertThat(count()).isEqualTo(996);
  }

  @Test
  void batchWriterBisectsAFailedBatchAndKeepsGoing() {
    List<Rejected<Reading>> rejected = new CopyOnWriteArrayList<>();
    try (BatchWriter<Reading> writer =
        BatchWriter.builder(db, Table.of(Reading.class))
            .maxRows(100)
            .bisect(rejected::add)
            .open()) {
      writer.writeAll(rowsWithBadOnesAt(1000, List.of(0, 150, 777)));
      writer.flush();
      assertThat(writer.stats().rows()).isEqualTo(997);
      assertThat(writer.stats().rejected()).isEqualTo(3);
    }
    assertThat(rejected).extracting(r -> r.row().id()).containsExactlyInAnyOrder(0L, 150L, 777L);
    assertThat(count()).isEqualTo(997);
  }

  @Test
  void upsertUpdatesExistingKeysAndInsertsNewOnesInOneTransaction() {
    db.sql("INSERT INTO readings VALUES (1, 10), (2, 20)").update();
    try (BatchWriter<Reading> writer =
        BatchWriter.builder(db, Table.of(Reading.class)).upsert(Upsert.onConflict("id")).open()) {
      writer.writeAll(List.of(new Reading(2, 21), new Reading(3, 30), new Reading(3, 31)));
    }
    try (CopyWriter<Reading> copy =
        CopyWriter.open(
            db,
            Table.of(Reading.class),
            CopyOptions.<Reading>defaults().upsert(Upsert.ignoreConflicts("id")))) {
      copy.writeAll(List.of(new Reading(1, 99), new Reading(4, 40)));
      assertThat(copy.finish().rows()).isEqualTo(2);
    }

    assertThat(
            db.sql("SELECT id || '=' || value FROM readings ORDER BY id").as(String.class).list())
        .containsExactly("1=10", "2=21", "3=31", "4=40");
  }
}
