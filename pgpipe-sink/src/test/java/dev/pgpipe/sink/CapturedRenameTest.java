package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.ddl.DdlCapture;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * With DDL capture on the source, renamed columns and tables are renamed on the target at their
 * place in the stream ({@link CapturedRenames}): their values stay, the rows before a rename are
 * written under the old name and those after it under the new one, also within one transaction and
 * one batch; a rename of a paused table's column waits for its resume.
 */
@WithPostgres
class CapturedRenameTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void renamedColumnsAndTablesKeepTheirValues_inOrderWithTheRowsAround(TestDatabase source) {
    TestDatabase target = Pair.target("rename");
    source.execute(
        "CREATE TABLE ren (id int8 PRIMARY KEY, a text, b int4)",
        "INSERT INTO ren SELECT g, 'a' || g, g FROM generate_series(1, 100) g");
    DdlCapture.install(ConnectionSettings.parse(source.url()));
    Replicator replicator =
        Replicator.create(
            Pair.source(source, "ren", List.of()).build(),
            Pair.sink(target, "ren", List.of()).build());
    CompletableFuture<Void> running = Pair.start(replicator);
    try (replicator) {
      Pair.awaitSameRows(source, target, "ren", TIMEOUT);
      source.execute(
          "BEGIN; INSERT INTO ren VALUES (101, 'before', 1);"
              + " ALTER TABLE ren RENAME COLUMN a TO \"A \"\"new\"\"\";"
              + " INSERT INTO ren VALUES (102, 'after', 2);"
              + " UPDATE ren SET \"A \"\"new\"\"\" = 'updated' WHERE id = 1; COMMIT",
          "BEGIN; ALTER TABLE ren RENAME COLUMN \"A \"\"new\"\"\" TO tmp;"
              + " ALTER TABLE ren RENAME COLUMN b TO \"A \"\"new\"\"\";"
              + " ALTER TABLE ren RENAME COLUMN tmp TO b;"
              + " INSERT INTO ren VALUES (103, 'swapped', 3); COMMIT",
          "ALTER TABLE ren RENAME TO \"Ren 2\"",
          "INSERT INTO \"Ren 2\" VALUES (104, 'moved', 4)",
          "CREATE SCHEMA elsewhere",
          "ALTER TABLE \"Ren 2\" SET SCHEMA elsewhere",
          "INSERT INTO elsewhere.\"Ren 2\" VALUES (105, 'other schema', 5)",
          "DELETE FROM elsewhere.\"Ren 2\" WHERE id = 2");
      Pair.awaitSameRows(source, target, "elsewhere.\"Ren 2\"", TIMEOUT);
      assertThat(replicator.stats().deadLettered()).isZero();
    }
    assertThat(running).succeedsWithin(Duration.ofSeconds(30));
    assertThat(columns(target, "elsewhere.\"Ren 2\""))
        .as("renamed, not dropped and added")
        .isEqualTo("id bigint, b text, A \"new\" integer");
    assertThat(
            Pair.text(target, "SELECT count(*) FROM pg_tables WHERE tablename IN ('ren','Ren 2')"))
        .as("the table moved, no copy left behind")
        .isEqualTo("1");
    SchemaFollowTest.assertSame(source, target, "elsewhere.\"Ren 2\"");
  }

  @Test
  void aRenameOfAPausedTablesColumnWaitsForItsResume(TestDatabase source) {
    TestDatabase target = Pair.target("rename_paused");
    SinkConfig sinkConfig = withCapture(source, target, "pr", "ren_paused");
    Replicator replicator =
        Replicator.create(Pair.source(source, "ren_paused", List.of()).build(), sinkConfig);
    CompletableFuture<Void> running = Pair.start(replicator);
    try (replicator) {
      Pair.awaitSameRows(source, target, "pr", TIMEOUT);
      source.execute(
          "ALTER TABLE pr ALTER COLUMN v TYPE int4",
          "INSERT INTO pr VALUES (51, 51, 'old name')",
          "ALTER TABLE pr RENAME COLUMN a TO c",
          "INSERT INTO pr VALUES (52, 52, 'new name')",
          "UPDATE pr SET c = 'updated' WHERE id = 1",
          "INSERT INTO pr_side VALUES (1)");
      Pair.awaitSameRows(source, target, "pr_side", TIMEOUT);
      Await.until(
          "pr paused", TIMEOUT, () -> replicator.sink().pausedTables().contains("public.pr"));
      assertThat(columns(target, "pr")).isEqualTo("id bigint, v bigint, a text");

      try (TableSink operator = TableSink.open(sinkConfig)) {
        target.execute("ALTER TABLE pr ALTER COLUMN v TYPE int4");
        assertThat(operator.resume("pr")).as("3 rows and the rename between them").isEqualTo(4);
      }
      source.execute("INSERT INTO pr VALUES (53, 53, 'resumed')");
      Pair.awaitSameRows(source, target, "pr", TIMEOUT);
      assertThat(replicator.sink().deadLetters()).isZero();
    }
    assertThat(running).succeedsWithin(Duration.ofSeconds(30));
    assertThat(columns(target, "pr")).isEqualTo("id bigint, v integer, c text");
    SchemaFollowTest.assertSame(source, target, "pr", "pr_side");
  }

  @Test
  void aPausedTableRenamedOnTheSourceIsHeldUnderBothNamesUntilItsResume(TestDatabase source) {
    TestDatabase target = Pair.target("rename_paused_table");
    source.execute(
        "CREATE TABLE pt_other (id int8 PRIMARY KEY, a text)",
        "INSERT INTO pt_other SELECT g, 'o' FROM generate_series(1, 3) g");
    SinkConfig sinkConfig = withCapture(source, target, "pt", "ren_paused_t");
    Replicator replicator =
        Replicator.create(Pair.source(source, "ren_paused_t", List.of()).build(), sinkConfig);
    CompletableFuture<Void> running = Pair.start(replicator);
    try (replicator) {
      Pair.awaitSameRows(source, target, "pt", TIMEOUT);
      Pair.awaitSameRows(source, target, "pt_other", TIMEOUT);
      source.execute(
          "ALTER TABLE pt ALTER COLUMN v TYPE int4",
          "INSERT INTO pt VALUES (51, 51, 'old name')",
          "ALTER TABLE pt RENAME TO pt_new",
          "INSERT INTO pt_new VALUES (52, 52, 'new name')",
          "UPDATE pt_new SET a = 'updated' WHERE id = 1",
          "ALTER TABLE pt_other RENAME TO pt", // onto the paused name: waits for its resume
          "INSERT INTO pt VALUES (4, 'moved')",
          "INSERT INTO pt_side VALUES (1)");
      Pair.awaitSameRows(source, target, "pt_side", TIMEOUT);
      Await.until(
          "pt and pt_new paused",
          TIMEOUT,
          () ->
              replicator.sink().pausedTables().containsAll(List.of("public.pt", "public.pt_new")));
      assertThat(Pair.text(target, "SELECT count(*) FROM pg_tables WHERE tablename = 'pt_new'"))
          .as("no table of the new name created beside the paused one")
          .isEqualTo("0");

      try (TableSink operator = TableSink.open(sinkConfig)) {
        assertThatThrownBy(() -> operator.resume("pt_new"))
            .isInstanceOf(SinkException.class)
            .hasMessageContaining("renamed from public.pt")
            .hasMessageContaining("run pgpipe sink resume public.pt");
        target.execute("ALTER TABLE pt ALTER COLUMN v TYPE int4");
        assertThat(operator.resume("pt"))
            .as(
                "a row, the rename, a row and an update under the new name, the other table's"
                    + " rename onto the old name and its row")
            .isEqualTo(6);
      }
      source.execute("INSERT INTO pt_new VALUES (53, 53, 'resumed')");
      Pair.awaitSameRows(source, target, "pt_new", TIMEOUT);
      assertThat(replicator.sink().deadLetters()).isZero();
    }
    assertThat(running).succeedsWithin(Duration.ofSeconds(30));
    assertThat(replicator.sink().pausedTables()).isEmpty();
    assertThat(Pair.text(target, "SELECT count(*) FROM pg_tables WHERE tablename = 'pt_other'"))
        .as("renamed on the target, no copy left behind")
        .isEqualTo("0");
    SchemaFollowTest.assertSame(source, target, "pt_new", "pt", "pt_side");
  }

  /**
   * Creates {@code table} (50 rows, a column {@code v} to narrow) and {@code table_side} on the
   * source, installs DDL capture there, and returns the sink's settings for {@code sourceId}.
   */
  private static SinkConfig withCapture(
      TestDatabase source, TestDatabase target, String table, String sourceId) {
    source.execute(
        "CREATE TABLE " + table + " (id int8 PRIMARY KEY, v int8, a text)",
        "CREATE TABLE " + table + "_side (id int8 PRIMARY KEY)",
        "INSERT INTO " + table + " SELECT g, g, 'a' FROM generate_series(1, 50) g");
    DdlCapture.install(ConnectionSettings.parse(source.url()));
    return Pair.sink(target, sourceId, List.of()).build();
  }

  /** The live columns of {@code table}, as {@code name type} in attnum order. */
  private static String columns(TestDatabase db, String table) {
    return Pair.text(
        db,
        "SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', '"
            + " ORDER BY attnum) FROM pg_attribute WHERE attrelid = '"
            + table.replace("'", "''")
            + "'::regclass AND attnum > 0 AND NOT attisdropped");
  }
}
