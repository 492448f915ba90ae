package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.client.Database;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A staged step of new rows is copied straight into the target; when the target refuses anything,
 * the step goes another set-based way, with the same result as if it had never been tried.
 */
@WithPostgres
class DirectCopyTest {

  private static final int ROWS = 100;

  private static TableSink sink(Database db, ConflictStrategy strategy) {
    db.sql("DROP TABLE IF EXISTS direct").update();
    db.sql("CREATE TABLE direct (id int8 PRIMARY KEY, v text, n int4 CHECK (n >= 0))").update();
    db.sql("DROP SCHEMA IF EXISTS pgpipe CASCADE").update();
    return TableSink.using(
        db,
        SinkConfig.builder()
            .sourceId("direct")
            .tables(List.of("direct"))
            .conflictStrategy(strategy)
            .build());
  }

  private static Events newRows(int badN) {
    Events events = new Events("direct", 10);
    for (int i = 1; i <= ROWS; i++) {
      events.insert(i, "v" + i, i == 50 ? badN : i);
    }
    return events;
  }

  private static long count(Database db, String sql) {
    return db.sql(sql).scalar(Long.class);
  }

  private static long stagingTables(Database db) {
    return count(
        db,
        "SELECT count(*) FROM pg_class WHERE relname LIKE 'pgpipe\\_stage\\_%'"
            + " AND relnamespace = pg_my_temp_schema()");
  }

  @Test
  void newRowsAreCopiedStraightIntoTheTargetWithoutStaging(TestDatabase target) {
    try (Database db = Database.builder().url(target.url()).maxSize(1).open();
        TableSink sink = sink(db, ConflictStrategy.UPSERT)) {
      sink.apply(List.of(newRows(50).tx()));

      assertThat(count(db, "SELECT count(*) FROM direct")).isEqualTo(ROWS);
      assertThat(count(db, "SELECT sum(n) FROM direct")).isEqualTo(ROWS * (ROWS + 1) / 2);
      assertThat(stagingTables(db)).isZero();
    }
  }

  @Test
  void aKeyTheTargetHasAlreadySendsTheStepAsArraysAndUpsertsIt(TestDatabase target) {
    try (Database db = Database.builder().url(target.url()).maxSize(1).open();
        TableSink sink = sink(db, ConflictStrategy.UPSERT)) {
      db.sql("INSERT INTO direct VALUES (70, 'stale', 0)").update();

      sink.apply(List.of(newRows(50).tx()));

      assertThat(count(db, "SELECT count(*) FROM direct")).isEqualTo(ROWS);
      assertThat(db.sql("SELECT v FROM direct WHERE id = 70").scalar(String.class))
          .isEqualTo("v70");
      assertThat(stagingTables(db)).isZero();
      assertThat(sink.deadLetters()).isZero();
    }
  }

  @Test
  void underInsertAnExistingKeyAndARefusedValueAreDeadLetteredAndTheRestApplied(
      TestDatabase target) {
    try (Database db = Database.builder().url(target.url()).maxSize(1).open();
        TableSink sink = sink(db, ConflictStrategy.INSERT)) {
      db.sql("INSERT INTO direct VALUES (70, 'stale', 0)").update();

      ApplyResult result = sink.apply(List.of(newRows(-1).tx()));

      assertThat(result.deadLettered()).isEqualTo(2);
      assertThat(count(db, "SELECT count(*) FROM direct")).isEqualTo(ROWS - 1);
      assertThat(db.sql("SELECT v FROM direct WHERE id = 70").scalar(String.class))
          .isEqualTo("stale");
      assertThat(count(db, "SELECT count(*) FROM direct WHERE id = 50")).isZero();
    }
  }
}
