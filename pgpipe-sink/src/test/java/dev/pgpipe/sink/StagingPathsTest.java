package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.client.Database;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Values on both apply paths: staged by binary COPY through pgpipe-copy's codecs into the session's
 * reused table (as text, cast by the statements, for what the codecs cannot encode exactly), or
 * bound as text parameters of pipelined statements. Either way the target ends as the server's
 * input functions make it.
 */
@WithPostgres
@ParameterizedClass
@EnumSource(ApplyPath.class)
class StagingPathsTest {

  private final ApplyPath path;

  StagingPathsTest(ApplyPath path) {
    this.path = path;
  }

  private TableSink sink(Database db, String table, String definition) {
    db.sql("DROP TABLE IF EXISTS " + table).update();
    db.sql("CREATE TABLE " + table + " " + definition).update();
    db.sql("DROP SCHEMA IF EXISTS pgpipe CASCADE").update();
    return TableSink.using(
        db, path.force(SinkConfig.builder()).sourceId("staging").tables(List.of(table)).build());
  }

  private static String text(Database db, String sql) {
    return db.sql(sql).scalar(String.class);
  }

  @Test
  void valuesACodecRefusesAreConvertedByTheServerAsBefore(TestDatabase target) {
    try (Database db = Database.open(target.url());
        TableSink sink = sink(db, "wide", "(id int8 PRIMARY KEY, v interval, n int8)")) {
      sink.apply(List.of(new Events("wide", 10, "v", "n").insert(1, "1 day 02:00", 7).tx()));

      assertThat(text(db, "SELECT v::text || ' ' || n FROM wide WHERE id = 1"))
          .isEqualTo("1 day 02:00:00 7");
    }
  }

  @Test
  void typesWithoutACodecStageAsTextAndBadValuesAreStillRefusedByTheServer(TestDatabase target) {
    try (Database db = Database.open(target.url())) {
      db.sql("DROP TYPE IF EXISTS mood CASCADE").update();
      db.sql("CREATE TYPE mood AS ENUM ('ok', 'sad')").update();
      try (TableSink sink = sink(db, "moods", "(id int8 PRIMARY KEY, v mood, n int4)")) {
        ApplyResult result =
            sink.apply(
                List.of(
                    new Events("moods", 10, "v", "n")
                        .insert(1, "ok", 1)
                        .insert(2, "angry", 2)
                        .insert(3, "sad", 3)
                        .tx()));

        assertThat(result.deadLettered()).isEqualTo(1);
        assertThat(text(db, "SELECT string_agg(v::text, ',' ORDER BY id) FROM moods"))
            .isEqualTo("ok,sad");
        assertThat(text(db, "SELECT sql_state FROM pgpipe.sink_dead_letters")).isEqualTo("22P02");
      }
    }
  }

  @Test
  void midnightAtTheEndOfTheDayKeepsItsTextMeaning(TestDatabase target) {
    try (Database db = Database.open(target.url());
        TableSink sink = sink(db, "clock", "(id int8 PRIMARY KEY, v time, n int4)")) {
      sink.apply(
          List.of(
              new Events("clock", 10, "v", "n")
                  .insert(1, LocalTime.MAX, 1)
                  .insert(2, LocalTime.of(12, 30, 0, 1_500), 2)
                  .insert(3, LocalTime.NOON, 3)
                  .tx()));

      assertThat(text(db, "SELECT string_agg(v::text, ',' ORDER BY id) FROM clock"))
          .isEqualTo("24:00:00,12:30:00.000002,12:00:00");
    }
  }

  @Test
  void aSessionStagesInOneTablePerShapeStepsDoNotSeeEachOthersRowsAndStatementsStageNothing(
      TestDatabase target) {
    try (Database db = Database.builder().url(target.url()).maxSize(1).open();
        TableSink sink = sink(db, "t", "(id int8 PRIMARY KEY, v text, n int4)")) {
      sink.apply(List.of(new Events("t", 5).insert(1, "a", 1).insert(2, "a", 1).tx()));
      for (int batch = 1; batch <= 2; batch++) {
        sink.apply(
            List.of(
                new Events("t", 10L * batch)
                    .moveKey(batch, 100 + batch, "moved", 2) // a real move: the row was there
                    .moveKey(100 + batch, 200 + batch, "again", 3) // touches it again: a new step
                    .insert(300 + batch, "b", 3)
                    .tx()));
      }

      assertThat(text(db, "SELECT string_agg(id || v, ',' ORDER BY id) FROM t"))
          .isEqualTo("201again,202again,301b,302b");
      assertThat(
              text(
                  db,
                  "SELECT count(*)::text FROM pg_class WHERE relname LIKE 'pgpipe\\_stage\\_%'"
                      + " AND relnamespace = pg_my_temp_schema()"))
          .isEqualTo(path == ApplyPath.STAGED ? "1" : "0");
    }
  }
}
