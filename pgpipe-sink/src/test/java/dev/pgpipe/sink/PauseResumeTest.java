package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A change the target cannot follow safely pauses that table alone; its changes are held in order
 * and applied exactly once by a resume after the operator fixed the target.
 */
@WithPostgres
class PauseResumeTest {

  @Test
  void aNarrowingPausesThatTableAlone_untilResumeAppliesItsHeldChangesInOrder(TestDatabase source) {
    TestDatabase target = Pair.target("pause");
    source.execute(
        "CREATE TABLE nar (id int8 PRIMARY KEY, v int8, note text)",
        "CREATE TABLE other (id int8 PRIMARY KEY, v text)",
        "INSERT INTO nar SELECT g, g, 'n' FROM generate_series(1, 50) g",
        "INSERT INTO other SELECT g, 'o' FROM generate_series(1, 50) g");
    SinkConfig sinkConfig = Pair.sink(target, "sch_pause", List.of()).build();
    Replicator replicator =
        Replicator.create(Pair.source(source, "sch_pause", List.of()).build(), sinkConfig);
    CompletableFuture<Void> running = Pair.start(replicator);
    try (replicator) {
      SchemaFollowTest.awaitEqual(source, target, "nar");
      source.execute(
          "ALTER TABLE nar ALTER COLUMN v TYPE int4",
          "INSERT INTO nar VALUES (51, 51, 'after')",
          "UPDATE nar SET note = 'second' WHERE id = 51",
          "DELETE FROM nar WHERE id = 1",
          "INSERT INTO other VALUES (51, 'flows')");
      SchemaFollowTest.awaitEqual(source, target, "other");
      Await.until(
          "nar paused",
          Duration.ofSeconds(30),
          () -> replicator.sink().pausedTables().contains("public.nar"));
      assertThat(Pair.text(target, "SELECT reason FROM pgpipe.sink_paused_tables"))
          .contains("column v: source type integer (was bigint), target type bigint")
          .contains("narrowed");
      assertThat(Pair.text(target, "SELECT lsn IS NOT NULL FROM pgpipe.sink_paused_tables"))
          .isEqualTo("t");
      assertThat(Pair.text(target, "SELECT count(*) FROM pgpipe.sink_held_changes")).isEqualTo("3");
      assertThat(Pair.text(target, "SELECT count(*) FROM nar WHERE id = 51")).isEqualTo("0");

      try (TableSink operator = TableSink.open(sinkConfig)) {
        assertThatThrownBy(() -> operator.resume("missing"))
            .isInstanceOf(SinkException.class)
            .hasMessageContaining("public.missing is not paused");
        target.execute("ALTER TABLE nar ALTER COLUMN v TYPE int4");
        assertThat(operator.resume("nar")).isEqualTo(3);
      }
      source.execute("INSERT INTO nar VALUES (52, 52, 'resumed')");
      SchemaFollowTest.awaitEqual(source, target, "nar");
      assertThat(replicator.sink().pausedTables()).isEmpty();
      assertThat(replicator.sink().deadLetters()).isZero();
    }
    assertThat(running).succeedsWithin(Duration.ofSeconds(30));
    assertThat(Pair.text(target, "SELECT note FROM nar WHERE id = 51")).isEqualTo("second");
    assertThat(Pair.text(target, "SELECT count(*) FROM pgpipe.sink_held_changes")).isEqualTo("0");
    SchemaFollowTest.assertSame(source, target, "nar", "other");
  }

  @Test
  void aPausedTableRenamedOntoOnePausedWithAnotherStopsRatherThanMixTheirHeldChanges(
      TestDatabase db) throws SQLException {
    db.execute("DROP SCHEMA IF EXISTS pgpipe_twice CASCADE", "CREATE SCHEMA pgpipe_twice");
    PausedTables paused = new PausedTables("pgpipe_twice");
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (String sql : paused.createSql()) {
        s.execute(sql);
      }
      assertThat(paused.pauseRenamed(c, "src", "public.b", "public.a", null, 0x10))
          .hasValueSatisfying(reason -> assertThat(reason).startsWith("renamed from public.a"));
      assertThat(paused.pauseRenamed(c, "src", "public.b", "public.a", "public.a", 0x20))
          .isEmpty(); // already: nothing
      assertThat(paused.paused(c, "src")).containsExactlyEntriesOf(Map.of("public.b", "public.a"));
      assertThatThrownBy(
              () -> paused.pauseRenamed(c, "src", "public.b", "public.c", "public.a", 0x30))
          .isInstanceOf(SinkException.class)
          .hasMessageContaining("public.c was renamed to public.b on the source at LSN 0/30")
          .hasMessageContaining("held with those of public.a")
          .hasMessageContaining("run pgpipe sink resume public.a");
      assertThat(paused.lock(c, "src", "public.b")).contains("public.a");
      paused.forget(c, "src", "public.a");
      assertThat(paused.paused(c, "src")).isEmpty();
    }
  }

  @Test
  void withoutCreatingTables_aMissingTableIsPausedNotDeadLettered_andResumedOnceCreated(
      TestDatabase db) {
    db.execute("DROP SCHEMA IF EXISTS pgpipe CASCADE", "DROP TABLE IF EXISTS t, absent");
    db.execute("CREATE TABLE t (id int8 PRIMARY KEY, v text, n int4)");
    SinkConfig config =
        SinkConfig.builder().url(db.url()).sourceId("nocreate").createTables(false).build();
    try (TableSink sink = TableSink.open(config)) {
      ApplyResult result =
          sink.apply(
              List.of(
                  new Events("absent", 0x10).insert(1, "a", 1).insert(2, "b", 2).tx(),
                  new Events("t", 0x20).insert(3, "c", 3).tx()));
      assertThat(result.deadLettered()).isZero();
      assertThat(sink.pausedTables()).containsExactly("public.absent");
      assertThat(sink.database().sql("SELECT count(*) FROM t").scalar(Long.class)).isEqualTo(1);
      assertThatThrownBy(() -> sink.resume("absent"))
          .isInstanceOf(SinkException.class)
          .hasMessageContaining("the target has no table public.absent")
          .hasMessageContaining("resume");
      db.execute("CREATE TABLE absent (id int8 PRIMARY KEY, v text, n int4)");
      assertThat(sink.resume("absent")).isEqualTo(2);
      sink.apply(List.of(new Events("absent", 0x30).insert(4, "d", 4).tx()));
      assertThat(sink.database().sql("SELECT count(*) FROM absent").scalar(Long.class))
          .isEqualTo(3);
      assertThat(sink.pausedTables()).isEmpty();
    }
  }
}
