package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.client.Database;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The apply path is chosen per table and step by its number of rows: up to {@link
 * SinkConfig#PIPELINED_ROWS} by pipelined statements (no staging table), above it staged. Both end
 * with the same rows, at the limit and on either side of it, after a batch that came before.
 */
@WithPostgres
class ApplyPathChoiceTest {

  private static final int LIMIT = SinkConfig.PIPELINED_ROWS;

  @ParameterizedTest
  @ValueSource(ints = {LIMIT - 1, LIMIT, LIMIT + 1})
  void stepsUpToTheLimitArePipelinedAndLargerOnesStaged(int rows, TestDatabase target) {
    try (Database db = freshTarget(target);
        TableSink sink = sink(db)) {
      sink.apply(List.of(new Events("choice", 10).insert(0, "before", 0).tx()));
      Events events = new Events("choice", 20).moveKey(0, 1000, "moved", 2);
      for (int i = 1; i < rows; i++) {
        events.insert(i, "v" + i, i);
      }
      Transaction tx = events.tx();
      sink.apply(List.of(tx));

      assertThat(stagingTables(db)).isEqualTo(rows > LIMIT ? 1 : 0);
      assertThat(db.sql("SELECT count(*)::int4 FROM choice").scalar(Integer.class)).isEqualTo(rows);
      assertThat(db.sql("SELECT v || n FROM choice WHERE id = 1000").scalar(String.class))
          .isEqualTo("moved2");
    }
  }

  /**
   * Above the limit, a step of whole-row upserts (one of them over a row the target has, so the
   * direct COPY is refused) goes as arrays in one statement, without a staging table; the same step
   * with one delete more is staged. Both end with the same rows.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void largerStepsOfWholeRowUpsertsGoAsArraysAndOthersAreStaged(
      boolean withDelete, TestDatabase target) {
    try (Database db = freshTarget(target);
        TableSink sink = sink(db)) {
      sink.apply(
          List.of(new Events("choice", 10).insert(1, "old", 0).insert(-1, "doomed", 0).tx()));
      Events events = new Events("choice", 20);
      for (int i = 1; i <= LIMIT + 1; i++) {
        events.insert(i, "v" + i, i);
      }
      if (withDelete) {
        events.delete(-1);
      }
      sink.apply(List.of(events.tx()));

      assertThat(stagingTables(db)).isEqualTo(withDelete ? 1 : 0);
      assertThat(db.sql("SELECT count(*)::int4 FROM choice").scalar(Integer.class))
          .isEqualTo(LIMIT + 1 + (withDelete ? 0 : 1));
      assertThat(db.sql("SELECT v || n FROM choice WHERE id = 1").scalar(String.class))
          .isEqualTo("v11");
      assertThat(db.sql("SELECT sum(n)::int8 FROM choice").scalar(Long.class))
          .isEqualTo((LIMIT + 1L) * (LIMIT + 2) / 2);
    }
  }

  /**
   * The array path sends a bigint or integer column whose values all are {@code Long} or {@code
   * Integer} as an array of that type, NULLs included, and any other column as text: a number in a
   * text column arrives as the pipelined path writes it, and an integer column given a {@code Long}
   * is read by the server, which refuses a value out of its range, and that row alone.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void arraysSendBigintAndIntegerValuesTypedAndTheRestAsText(
      boolean outOfRange, TestDatabase target) {
    try (Database db = freshTarget(target);
        TableSink sink = sink(db)) {
      sink.apply(List.of(new Events("choice", 10).insert(1, "old", 0).tx()));
      Events events = new Events("choice", 20);
      for (int i = 1; i <= LIMIT + 1; i++) {
        Object n = i == 2 ? null : i == 3 && outOfRange ? (Object) 5_000_000_000L : (Object) i;
        events.insert(i, i == 4 ? (Object) 44 : "v" + i, n);
      }
      ApplyResult result = sink.apply(List.of(events.tx()));

      assertThat(stagingTables(db)).isZero();
      assertThat(result.deadLettered()).isEqualTo(outOfRange ? 1 : 0);
      assertThat(db.sql("SELECT count(*)::int4 FROM choice").scalar(Integer.class))
          .isEqualTo(LIMIT + (outOfRange ? 0 : 1));
      assertThat(db.sql("SELECT sum(n)::int8 FROM choice").scalar(Long.class))
          .isEqualTo((LIMIT + 1L) * (LIMIT + 2) / 2 - 2 - (outOfRange ? 3 : 0));
      assertThat(db.sql("SELECT count(*)::int4 FROM choice WHERE n IS NULL").scalar(Integer.class))
          .isEqualTo(1);
      assertThat(db.sql("SELECT v FROM choice WHERE id = 4").scalar(String.class)).isEqualTo("44");
      if (outOfRange) {
        assertThat(
                db.sql(
                        "SELECT sql_state || ' ' || (event->'after'->>'id') FROM pgpipe.sink_dead_letters")
                    .scalar(String.class))
            .isEqualTo("22003 3");
      }
    }
  }

  private static TableSink sink(Database db) {
    return TableSink.using(
        db, SinkConfig.builder().sourceId("choice").tables(List.of("choice")).build());
  }

  /** An empty table {@code choice} and no sink state, on a one-connection pool. */
  private static Database freshTarget(TestDatabase target) {
    target.execute(
        "DROP TABLE IF EXISTS choice",
        "CREATE TABLE choice (id int8 PRIMARY KEY, v text, n int4)",
        "DROP SCHEMA IF EXISTS pgpipe CASCADE");
    return Database.builder().url(target.url()).maxSize(1).open();
  }

  private static long stagingTables(Database db) {
    return db.sql(
            "SELECT count(*) FROM pg_class WHERE relname LIKE 'pgpipe\\_stage\\_%'"
                + " AND relnamespace = pg_my_temp_schema()")
        .scalar(Long.class);
  }
}
