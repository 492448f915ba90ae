package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.client.Database;
import dev.pgpipe.sink.verify.ReplicaVerifier;
import dev.pgpipe.sink.verify.TableComparison;
import dev.pgpipe.sink.verify.TableName;
import dev.pgpipe.sink.verify.VerifyOptions;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The target follows the source's schema: tables created, columns added, widened and dropped. */
@WithPostgres
class SchemaFollowTest {

  static void awaitEqual(TestDatabase source, TestDatabase target, String table) {
    Await.until(
        table + " replicated",
        Duration.ofSeconds(60),
        () -> {
          try {
            return Pair.checksum(source, table).equals(Pair.checksum(target, table));
          } catch (IllegalStateException e) {
            return false; // not created yet
          }
        });
  }

  /** Row-by-row comparison on the source's columns: no row differs, no source column missing. */
  static void assertSame(TestDatabase source, TestDatabase target, String... tables) {
    try (Database s = Database.builder().url(source.url()).maxSize(2).open();
        Database t = Database.builder().url(target.url()).maxSize(2).open()) {
      List<TableName> names = java.util.Arrays.stream(tables).map(TableName::parse).toList();
      List<TableComparison> results =
          ReplicaVerifier.create(s, t, VerifyOptions.defaults().withTables(names)).verify(c -> {});
      for (TableComparison result : results) {
        assertThat(result.differences()).as(result.toString()).isEmpty();
        assertThat(result.moreDifferences()).isZero();
        assertThat(result.sourceRows()).isEqualTo(result.targetRows());
        assertThat(result.problems())
            .as(result.toString())
            .allMatch(p -> p.contains("only in the target"));
      }
    }
  }

  static String type(TestDatabase db, String table, String column) {
    return Pair.text(
        db,
        "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '"
            + table
            + "'::regclass AND attname = '"
            + column
            + "'");
  }

  @Test
  void anEmptyTargetGetsEveryTableWithItsTypesKeyAndNotNull_andEveryRow(TestDatabase source) {
    TestDatabase target = Pair.target("create");
    source.execute(
        "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
        "CREATE DOMAIN posint AS int4 CHECK (VALUE > 0)",
        "CREATE SCHEMA \"Odd Schema\"",
        "CREATE TABLE typed (id int8 PRIMARY KEY, name varchar(20) NOT NULL, amount numeric(10,2),"
            + " at timestamp(3), tags int4[], m mood, p posint, doc jsonb)",
        "CREATE TABLE \"Odd Schema\".\"Two Keys\" (a int4, b text, v text, PRIMARY KEY (b, a))",
        "INSERT INTO typed SELECT g, 'n' || g, g * 1.25, '2026-01-01 10:00:00.123', ARRAY[g, 2],"
            + " 'happy', g, '{\"k\": 1}' FROM generate_series(1, 300) g",
        "INSERT INTO \"Odd Schema\".\"Two Keys\" SELECT g, 'k' || g, 'v' FROM"
            + " generate_series(1, 50) g");
    Replicator replicator =
        Replicator.create(
            Pair.source(source, "sch_create", List.of()).build(),
            Pair.sink(target, "sch_create", List.of()).build());
    CompletableFuture<Void> running = Pair.start(replicator);
    try (replicator) {
      awaitEqual(source, target, "typed");
      awaitEqual(source, target, "\"Odd Schema\".\"Two Keys\"");
      source.execute("INSERT INTO typed VALUES (1000, 'late', 1, now(), '{}', 'sad', 5, 'null')");
      awaitEqual(source, target, "typed");
      assertThat(replicator.stats().deadLettered()).isZero();
    }
    assertThat(running).succeedsWithin(Duration.ofSeconds(30));
    assertThat(type(target, "typed", "name")).isEqualTo("character varying(20)");
    assertThat(type(target, "typed", "amount")).isEqualTo("numeric(10,2)");
    assertThat(type(target, "typed", "at")).isEqualTo("timestamp(3) without time zone");
    assertThat(type(target, "typed", "tags")).isEqualTo("integer[]");
    assertThat(type(target, "typed", "m")).as("enum mapped to text").isEqualTo("text");
    assertThat(type(target, "typed", "p")).as("domain mapped to its base").isEqualTo("integer");
    assertThat(
            Pair.text(
                target,
                "SELECT string_agg(attname, ',' ORDER BY attname) FROM pg_attribute"
                    + " WHERE attrelid = 'typed'::regclass AND attnotnull AND attnum > 0"))
        .isEqualTo("id,name");
    assertThat(
            Pair.text(
                target,
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid ="
                    + " '\"Odd Schema\".\"Two Keys\"'::regclass AND contype = 'p'"))
        .isEqualTo("PRIMARY KEY (b, a)");
    assertSame(source, target, "typed", "\"Odd Schema\".\"Two Keys\"");
  }

  @Test
  void columnsAddedWidenedAndDroppedWhileStreaming_andANewTable_followTheSource(
      TestDatabase source) {
    TestDatabase target = Pair.target("evolve");
    source.execute(
        "CREATE TABLE evo (id int8 PRIMARY KEY, small int2, code varchar(5), price numeric(6,2),"
            + " gone text NOT NULL DEFAULT 'g')",
        "INSERT INTO evo SELECT g, g, 'c' || g % 10, g, 'x' FROM generate_series(1, 200) g");
    Replicator replicator =
        Replicator.create(
            Pair.source(source, "sch_evolve", List.of()).build(),
            Pair.sink(target, "sch_evolve", List.of()).build());
    CompletableFuture<Void> running = Pair.start(replicator);
    try (replicator) {
      awaitEqual(source, target, "evo");
      source.execute(
          "BEGIN; INSERT INTO evo VALUES (201, 1, 'a', 1, 'y');"
              + " ALTER TABLE evo ADD COLUMN plain text;"
              + " INSERT INTO evo VALUES (202, 2, 'b', 2, 'y', 'p'); COMMIT",
          "ALTER TABLE evo ADD COLUMN flag text DEFAULT 'old rows'",
          "INSERT INTO evo (id, small, code, price, flag) VALUES (203, 3, 'c', 3, 'new')",
          "ALTER TABLE evo ALTER COLUMN small TYPE int8, ALTER COLUMN code TYPE varchar(40),"
              + " ALTER COLUMN price TYPE numeric(12,3)",
          "INSERT INTO evo (id, small, code, price) VALUES (204, 9000000000, repeat('w', 40),"
              + " 123456.789)",
          "ALTER TABLE evo DROP COLUMN gone",
          "INSERT INTO evo (id) VALUES (205)",
          "UPDATE evo SET plain = 'u' WHERE id <= 10",
          "CREATE TABLE fresh (k text PRIMARY KEY, v numeric)",
          "INSERT INTO fresh VALUES ('a', 1), ('b', 2)");
      awaitEqual(source, target, "fresh");
      Await.until(
          "evo replicated",
          Duration.ofSeconds(60),
          () -> Pair.text(target, "SELECT count(*) FROM evo WHERE id = 205").equals("1"));
      assertThat(replicator.stats().deadLettered()).isZero();
    }
    assertThat(running).succeedsWithin(Duration.ofSeconds(30));
    assertThat(Pair.text(target, "SELECT count(*) FROM evo WHERE flag = 'old rows'"))
        .as("rows older than the column read its default, as on the source")
        .isEqualTo(Pair.text(source, "SELECT count(*) FROM evo WHERE flag = 'old rows'"))
        .isEqualTo("204");
    assertThat(type(target, "evo", "small")).isEqualTo("bigint");
    assertThat(type(target, "evo", "code")).isEqualTo("character varying(40)");
    assertThat(type(target, "evo", "price")).isEqualTo("numeric(12,3)");
    assertThat(Pair.text(target, "SELECT count(*) FROM evo WHERE gone IS NULL"))
        .as("the dropped column is kept, nullable, and no longer written")
        .isEqualTo("1");
    assertSame(source, target, "evo", "fresh");
  }
}
