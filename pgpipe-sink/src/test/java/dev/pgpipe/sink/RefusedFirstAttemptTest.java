package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.ddl.DdlEvents;
import dev.pgpipe.testkit.CapturedLogs;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A batch whose first attempt, without savepoints, the target refuses in part is applied again
 * under savepoints: what the operator sees of it (log lines, the counter) and what it costs (the
 * refused run is bisected from its halves), on every apply path, after a batch that came before.
 */
@WithPostgres
@ParameterizedClass
@EnumSource(ApplyPath.class)
class RefusedFirstAttemptTest {

  private final ApplyPath path;

  RefusedFirstAttemptTest(ApplyPath path) {
    this.path = path;
  }

  private TableSink sink(TestDatabase db, String sourceId) {
    db.execute(
        "DROP TABLE IF EXISTS t, absent",
        "DROP SEQUENCE IF EXISTS attempts, attempts_of_1",
        "CREATE TABLE t (id int8 PRIMARY KEY, v text, n int4 CHECK (n >= 0))",
        "DROP SCHEMA IF EXISTS pgpipe CASCADE");
    TableSink sink =
        TableSink.open(
            path.force(SinkConfig.builder())
                .url(db.url())
                .sourceId(sourceId)
                .createTables(false)
                .build());
    sink.apply(List.of(new Events("t", 0x10).insert(0, "a", 0).tx()));
    return sink;
  }

  /**
   * The first attempt pauses a table the target lacks, then meets a refused row; the attempt is
   * rolled back with its pause, and the batch applied again pauses it again: the warning is written
   * once, for the pause that stayed.
   */
  @Test
  void aPauseInARefusedFirstAttemptIsWarnedOfOnce(TestDatabase db) {
    try (TableSink sink = sink(db, "refused_logs");
        CapturedLogs logs = CapturedLogs.start()) {
      ApplyResult result =
          sink.apply(
              List.of(
                  new Events("absent", 0x20).insert(1, "x", 1).tx(),
                  new Events("t", 0x30).update(0, "b", 1).insert(2, "bad", -1).tx()));

      assertThat(result.deadLettered()).isEqualTo(1);
      assertThat(sink.pausedTables()).containsExactly("public.absent");
      assertThat(logs.warnings())
          .filteredOn(line -> line.startsWith("table public.absent paused"))
          .hasSize(1);
    }
  }

  /**
   * The guarded attempt starts from the halves of the refused run: the refused row is tried in the
   * first attempt, in its half, and alone, never in a second attempt of the whole. (On the staged
   * path, a range of new rows alone goes first by direct COPY, then as arrays: its half and itself
   * count twice each.)
   */
  @Test
  void theRunRefusedWholeIsBisectedFromItsHalves_andCounted(TestDatabase db) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Metrics.globalRegistry.add(registry);
    try (TableSink sink = sink(db, "refused_halves")) {
      db.execute(
          "CREATE SEQUENCE attempts",
          "CREATE OR REPLACE FUNCTION counted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
              + " IF NEW.id = 3 THEN PERFORM nextval('attempts'); END IF; RETURN NEW; END $$",
          "CREATE TRIGGER counted BEFORE INSERT OR UPDATE ON t FOR EACH ROW"
              + " EXECUTE FUNCTION counted()");

      sink.apply(
          List.of(
              new Events("t", 0x20).update(0, "b", 1).insert(1, "c", 1).tx(),
              new Events("t", 0x30).insert(2, "d", 2).insert(3, "bad", -1).tx()));
      sink.apply(List.of(new Events("t", 0x40).insert(4, "e", 4).tx()));

      assertThat(db.strings("SELECT last_value FROM attempts"))
          .containsExactly(path == ApplyPath.STAGED ? "5" : "3");
      assertThat(db.strings("SELECT string_agg(id || v || n, ',' ORDER BY id) FROM t"))
          .containsExactly("0b1,1c1,2d2,4e4");
      assertThat(sink.deadLetters()).isEqualTo(1);
      assertThat(
              registry
                  .get("pgpipe_sink_refused_first_attempts")
                  .tag("source", "refused_halves")
                  .counter()
                  .count())
          .isEqualTo(1);
    } finally {
      Metrics.globalRegistry.remove(registry);
    }
  }

  /**
   * A captured rename splits a batch into runs ({@link CapturedRenames#runs}); only the run the
   * first attempt was refused in starts from its halves: the run before it is applied whole once
   * more (row 1: twice in all), the refused one from its halves (row 2: in the first attempt, in
   * the half holding the refused row, and alone; never in a second attempt of the whole run).
   */
  @Test
  void onlyTheRunRefusedStartsFromItsHalves(TestDatabase db) {
    try (TableSink sink = sink(db, "refused_runs")) {
      db.execute(
          "CREATE SEQUENCE attempts",
          "CREATE SEQUENCE attempts_of_1",
          "CREATE OR REPLACE FUNCTION counted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
              + " IF NEW.id = 1 THEN PERFORM nextval('attempts_of_1'); END IF;"
              + " IF NEW.id = 2 THEN PERFORM nextval('attempts'); END IF; RETURN NEW; END $$",
          "CREATE TRIGGER counted BEFORE INSERT OR UPDATE ON t FOR EACH ROW"
              + " EXECUTE FUNCTION counted()");
      List<ChangeEvent> second = new ArrayList<>();
      second.add(renameOfAnotherTable(0x30));
      second.addAll(new Events("t", 0x30).update(0, "u", 2).insert(2, "c", 2).tx().events());
      second.addAll(new Events("t", 0x30).update(0, "w", 3).insert(3, "bad", -1).tx().events());

      sink.apply(
          List.of(
              new Events("t", 0x20).update(0, "b", 1).insert(1, "a", 1).tx(),
              new Transaction(7, 0x30, 0x30, 0x30, Instant.EPOCH, second, 0, true)));

      assertThat(db.strings("SELECT last_value FROM attempts_of_1")).containsExactly("2");
      assertThat(db.strings("SELECT last_value FROM attempts")).containsExactly("3");
      assertThat(db.strings("SELECT string_agg(id || v || n, ',' ORDER BY id) FROM t"))
          .containsExactly("0w3,1a1,2c2");
      assertThat(sink.deadLetters()).isEqualTo(1);
    }
  }

  /** A captured rename of column a to b of table public.elsewhere, which the target lacks. */
  private static ChangeEvent renameOfAnotherTable(long lsn) {
    String before = table("a");
    String after = table("b");
    return Events.message(
        DdlEvents.PREFIX,
        ("{\"version\": 1, \"event\": \"ddl_command_end\", \"tag\": \"ALTER TABLE\","
                + " \"commands\": [{\"tag\": \"ALTER TABLE\", \"object_type\": \"table\","
                + " \"identity\": \"x\", \"schema\": \"public\", \"oid\": 7, \"subid\": 0,"
                + " \"table\": %s, \"before\": %s}]}")
            .formatted(after, before),
        true,
        lsn);
  }

  /**
   * Table public.elsewhere (OID 7) as the capture trigger describes it: id, then {@code column}.
   */
  private static String table(String column) {
    return ("{\"oid\": 7, \"schema\": \"public\", \"name\": \"elsewhere\", \"kind\": \"r\","
            + " \"columns\": [%s, %s]}")
        .formatted(column("id", 1), column(column, 2));
  }

  private static String column(String name, int attnum) {
    return ("{\"attnum\": %d, \"name\": \"%s\", \"type\": \"text\", \"type_oid\": 25,"
            + " \"typmod\": -1, \"not_null\": false, \"default\": null, \"generated\": \"\","
            + " \"identity\": \"\"}")
        .formatted(attnum, name);
  }
}
