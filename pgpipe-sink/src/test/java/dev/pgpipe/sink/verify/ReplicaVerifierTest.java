package dev.pgpipe.sink.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.pgpipe.client.Database;
import dev.pgpipe.sink.Pair;
import dev.pgpipe.sink.verify.Difference.Kind;
import dev.pgpipe.sink.verify.TableComparison.Status;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The verifier on a source and a target database of the test server, with chunks of 100 rows so
 * that a thousand rows span ten chunks. The target's session time zone differs from the source's.
 */
@WithPostgres
class ReplicaVerifierTest {

  private static final int CHUNK = 100;
  private static final String FILL =
      "INSERT INTO %s SELECT g, 'v' || g, g * 1.5, timestamptz '2024-01-01 00:00Z' + g * interval"
          + " '1 minute', ARRAY['a', 'b'] FROM generate_series(1, %d) g ORDER BY g %s";

  private static TestDatabase sourceDb;
  private static TestDatabase targetDb;
  private static Database source;
  private static Database target;

  @BeforeAll
  static void open(TestDatabase db) {
    sourceDb = db;
    targetDb = Pair.target("verify");
    targetDb.execute("ALTER DATABASE " + targetDb.name() + " SET TimeZone = 'Asia/Tokyo'");
    source = Database.open(sourceDb.url());
    target = Database.open(targetDb.url());
  }

  @AfterAll
  static void close() {
    source.close();
    target.close();
  }

  /** {@code table} on both sides with ids 1..rows, written in opposite orders. */
  private static void events(String table, int rows) {
    for (TestDatabase db : List.of(sourceDb, targetDb)) {
      db.execute(
          "CREATE TABLE "
              + table
              + " (id int8 PRIMARY KEY, v text, n numeric, at timestamptz, tags text[])");
    }
    sourceDb.execute(String.format(FILL, table, rows, "ASC"));
    targetDb.execute(String.format(FILL, table, rows, "DESC"));
  }

  private static TableComparison compare(String table) {
    return verifier(CHUNK).compare(TableName.parse(table));
  }

  private static ReplicaVerifier verifier(int chunkRows) {
    return ReplicaVerifier.create(
        source, target, VerifyOptions.defaults().withChunkRows(chunkRows));
  }

  private static List<String> keys(TableComparison result, Kind kind) {
    return result.keys(kind).stream().map(Key::toString).toList();
  }

  @Test
  void equalTables_writtenInAnotherOrderAndReadInAnotherTimeZone_areEqual() {
    events("eq", 1000);

    TableComparison result = compare("eq");

    assertThat(result.status()).isEqualTo(Status.EQUAL);
    assertThat(result.differs()).isFalse();
    assertThat(result.sourceRows()).isEqualTo(1000);
    assertThat(result.targetRows()).isEqualTo(1000);
    assertThat(result.differences()).isEmpty();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void rowsMissingAtTheStartTheMiddleAndTheEnd_areNamedKeyByKey() {
    events("gaps", 1000);
    targetDb.execute("DELETE FROM gaps WHERE id IN (1, 2, 500, 1000)");

    TableComparison result = compare("gaps");

    assertThat(result.status()).isEqualTo(Status.DIFFERENT);
    assertThat(result.targetRows()).isEqualTo(996);
    assertThat(keys(result, Kind.MISSING)).containsExactly("1", "2", "500", "1000");
    assertThat(result.differences())
        .extracting(Difference::kind, d -> d.first().toString(), d -> d.last().toString())
        .containsExactly(
            tuple(Kind.MISSING, "1", "2"),
            tuple(Kind.MISSING, "500", "500"),
            tuple(Kind.MISSING, "1000", "1000"));
  }

  @Test
  void aLongRunOfMissingRows_acrossChunks_isOneRangeWithoutKeys() {
    events("tail", 2500);
    targetDb.execute("DELETE FROM tail WHERE id > 1000");

    TableComparison result = compare("tail");

    assertThat(result.differences()).hasSize(1);
    Difference run = result.differences().getFirst();
    assertThat(run.kind()).isEqualTo(Kind.MISSING);
    assertThat(run.first()).isEqualTo(Key.of("1001"));
    assertThat(run.last()).isEqualTo(Key.of("2500"));
    assertThat(run.sourceRows()).isEqualTo(1500);
    assertThat(run.targetRows()).isZero();
    assertThat(run.exact()).isFalse();
    assertThat(run.keys()).isEmpty();
  }

  @Test
  void extraRows_beforeBetweenAndAfterTheSourceKeys_areNamed() {
    events("extra", 1000);
    sourceDb.execute("DELETE FROM extra WHERE id = 300");
    targetDb.execute("INSERT INTO extra (id, v) VALUES (0, 'x'), (5000, 'y'), (5001, 'z')");

    TableComparison result = compare("extra");

    assertThat(result.sourceRows()).isEqualTo(999);
    assertThat(result.targetRows()).isEqualTo(1003);
    assertThat(keys(result, Kind.EXTRA)).containsExactly("0", "300", "5000", "5001");
    assertThat(keys(result, Kind.MISSING)).isEmpty();
    assertThat(result.differences().getLast().first()).isEqualTo(Key.of("5000"));
  }

  @Test
  void aValueChangedInOneColumn_includingNullVersusEmptyAndNumericScale_isAChangedKey() {
    events("changed", 1000);
    sourceDb.execute("UPDATE changed SET v = NULL WHERE id = 10");
    targetDb.execute(
        "UPDATE changed SET v = '' WHERE id = 10",
        "UPDATE changed SET n = 375.00 WHERE id = 250", // 250 * 1.5 = 375.0: same value, other text
        "UPDATE changed SET tags = ARRAY['a', 'b', NULL] WHERE id = 999");

    TableComparison result = compare("changed");

    assertThat(result.status()).isEqualTo(Status.DIFFERENT);
    assertThat(result.sourceRows()).isEqualTo(result.targetRows()).isEqualTo(1000);
    assertThat(keys(result, Kind.CHANGED)).containsExactly("10", "250", "999");
    assertThat(keys(result, Kind.MISSING)).isEmpty();
    assertThat(keys(result, Kind.EXTRA)).isEmpty();
  }

  @Test
  void compositeKeysAndHostileNames_areQuotedAndComparedAsRowValues() {
    String ddl =
        "CREATE TABLE \"My Schema\".\"we\"\"ird tab.le\" (\"Key A\" text, \"ключ\" int,"
            + " \"va,l\" text, PRIMARY KEY (\"Key A\", \"ключ\"))";
    String fill =
        "INSERT INTO \"My Schema\".\"we\"\"ird tab.le\" SELECT 'k ' || (g % 7), g, 'x,' || g"
            + " FROM generate_series(1, 700) g";
    for (TestDatabase db : List.of(sourceDb, targetDb)) {
      db.execute("CREATE SCHEMA \"My Schema\"", ddl, fill);
    }
    targetDb.execute(
        "DELETE FROM \"My Schema\".\"we\"\"ird tab.le\" WHERE \"ключ\" = 350",
        "UPDATE \"My Schema\".\"we\"\"ird tab.le\" SET \"va,l\" = 'changed' WHERE \"ключ\" = 8");

    TableComparison result = compare("\"My Schema\".\"we\"\"ird tab.le\"");

    assertThat(result.table()).isEqualTo(new TableName("My Schema", "we\"ird tab.le"));
    assertThat(result.status()).isEqualTo(Status.DIFFERENT);
    assertThat(result.keys(Kind.MISSING)).containsExactly(Key.of("k 0", "350"));
    assertThat(result.keys(Kind.CHANGED)).containsExactly(Key.of("k 1", "8"));
    assertThat(result.keys(Kind.CHANGED).getFirst()).hasToString("(\"k 1\",8)");
  }

  @ParameterizedTest
  @ValueSource(ints = {CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK})
  void chunkBoundaries_atChunkSizeAndAroundIt_loseNoRow(int rows) {
    String table = "edge_" + rows;
    events(table, rows);
    assertThat(compare(table).status()).isEqualTo(Status.EQUAL);

    targetDb.execute("DELETE FROM " + table + " WHERE id IN (" + (CHUNK - 1) + ", " + rows + ")");
    targetDb.execute("INSERT INTO " + table + " (id) VALUES (" + (rows + 1) + ")");
    TableComparison result = compare(table);

    assertThat(result.sourceRows()).isEqualTo(rows);
    assertThat(result.targetRows()).isEqualTo(rows == CHUNK - 1 ? rows : rows - 1);
    assertThat(keys(result, Kind.MISSING))
        .containsExactlyElementsOf(
            rows == CHUNK - 1 ? List.of(String.valueOf(rows)) : List.of("99", "" + rows));
    assertThat(keys(result, Kind.EXTRA)).containsExactly(String.valueOf(rows + 1));
  }

  @Test
  void aTableMissingInTheTarget_saysSoWithTheSourceRows() {
    sourceDb.execute("CREATE TABLE only_source (id int PRIMARY KEY)");
    sourceDb.execute("INSERT INTO only_source SELECT generate_series(1, 42)");

    TableComparison result = compare("only_source");

    assertThat(result.status()).isEqualTo(Status.MISSING_IN_TARGET);
    assertThat(result.differs()).isTrue();
    assertThat(result.sourceRows()).isEqualTo(42);
    assertThat(result.problems()).singleElement().asString().contains("not in the target");
  }

  @Test
  void aTableNamedButNotInTheSource_isMissingInTheSource() {
    TableComparison result = compare("nowhere.at_all");

    assertThat(result.status()).isEqualTo(Status.MISSING_IN_SOURCE);
    assertThat(result.differs()).isTrue();
    assertThat(result.problems()).singleElement().asString().contains("not in the source");
  }

  @Test
  void aTableWithoutPrimaryKey_isComparedByCountAndWholeHash_whenNamed() {
    for (TestDatabase db : List.of(sourceDb, targetDb)) {
      db.execute(
          "CREATE TABLE nokey (a int, b text)",
          "INSERT INTO nokey SELECT g % 10, 'b' FROM generate_series(1, 300) g");
    }
    TableComparison equal = compare("nokey");
    targetDb.execute("UPDATE nokey SET b = 'c' WHERE ctid = (SELECT min(ctid) FROM nokey)");
    TableComparison different = compare("nokey");

    assertThat(equal.status()).isEqualTo(Status.EQUAL);
    assertThat(equal.notes()).singleElement().asString().contains("no primary key");
    assertThat(different.status()).isEqualTo(Status.DIFFERENT);
    assertThat(different.sourceRows()).isEqualTo(different.targetRows()).isEqualTo(300);
    assertThat(different.differences()).isEmpty();
    assertThat(different.notes()).singleElement().asString().contains("which differ");
  }

  @Test
  void columnSetsThatDiffer_areProblemsNamingTheColumns_andTheRestIsCompared() {
    sourceDb.execute(
        "CREATE TABLE cols (id int PRIMARY KEY, a text, only_src int)",
        "INSERT INTO cols SELECT g, 'a' FROM generate_series(1, 50) g");
    targetDb.execute(
        "CREATE TABLE cols (id int PRIMARY KEY, only_tgt date, a text)",
        "INSERT INTO cols SELECT g, now(), 'a' FROM generate_series(1, 50) g",
        "UPDATE cols SET a = 'b' WHERE id = 7");

    TableComparison result = compare("cols");

    assertThat(result.status()).isEqualTo(Status.DIFFERENT);
    assertThat(result.problems())
        .anySatisfy(p -> assertThat(p).contains("[only_src] missing in the target"))
        .anySatisfy(p -> assertThat(p).contains("[only_tgt] only in the target"));
    assertThat(keys(result, Kind.CHANGED)).containsExactly("7");
  }

  @Test
  void aTargetWithAnotherPrimaryKey_isAProblem_andItsRowsAreStillComparedByTheSourceKey() {
    sourceDb.execute(
        "CREATE TABLE rekeyed (a int, b int, PRIMARY KEY (a, b))",
        "INSERT INTO rekeyed SELECT g / 10, g % 10 FROM generate_series(0, 299) g");
    targetDb.execute(
        "CREATE TABLE rekeyed (a int, b int)",
        "INSERT INTO rekeyed SELECT g / 10, g % 10 FROM generate_series(0, 299) g");

    TableComparison result = compare("rekeyed");

    assertThat(result.status()).isEqualTo(Status.DIFFERENT);
    assertThat(result.differences()).isEmpty();
    assertThat(result.problems())
        .singleElement()
        .asString()
        .contains("primary key differs: source [a, b], target none");
  }

  @Test
  void manyScatteredDifferences_keepAtMostMaxRuns_andCountTheRest() {
    events("many", 1000);
    targetDb.execute("UPDATE many SET v = 'x' WHERE id % 3 = 0");
    VerifyOptions options = new VerifyOptions(List.of(TableName.parse("many")), CHUNK, 5, "pgpipe");

    TableComparison result =
        ReplicaVerifier.create(source, target, options).compare(TableName.parse("many"));

    assertThat(result.status()).isEqualTo(Status.DIFFERENT);
    assertThat(result.differences()).hasSize(5);
    assertThat(result.moreDifferences()).isPositive();
    assertThat(keys(result, Kind.CHANGED)).startsWith("3", "6", "9");
  }

  @Test
  void everyTable_byDefault_skipsTablesWithoutKeyAndPgpipesSchema_andReportsEachAsItGoes() {
    events("listed", 10);
    for (TestDatabase db : List.of(sourceDb, targetDb)) {
      db.execute(
          "CREATE TABLE listed_log (line text)",
          "CREATE SCHEMA IF NOT EXISTS pgpipe",
          "CREATE TABLE pgpipe.ledger_like (id int PRIMARY KEY)");
    }
    List<TableComparison> reported = new ArrayList<>();

    List<TableComparison> results = verifier(CHUNK).verify(reported::add);

    assertThat(reported).isEqualTo(results);
    assertThat(results).extracting(r -> r.table().schema()).doesNotContain("pgpipe");
    assertThat(results)
        .filteredOn(r -> r.table().name().startsWith("listed"))
        .extracting(r -> r.table().toString(), TableComparison::status)
        .containsExactly(
            tuple("public.listed", Status.EQUAL), tuple("public.listed_log", Status.SKIPPED));
    assertThat(results)
        .filteredOn(r -> r.status() == Status.SKIPPED)
        .allSatisfy(r -> assertThat(r.notes()).singleElement().asString().contains("table list"));
  }
}
