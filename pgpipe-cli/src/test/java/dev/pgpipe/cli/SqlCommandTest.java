package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cli.embedded.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgpipe sql} and {@code pgpipe demo} against an embedded server the test started. */
class SqlCommandTest {

  private static final String NL = System.lineSeparator();

  @TempDir static Path home;
  private static EmbeddedServer server;

  @BeforeAll
  static void startServer() {
    server = EmbeddedServer.startOrReuse(home.resolve("pg"), freePort());
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static CliRun pgpipe(String... args) {
    return CliRun.run(Map.of("PGPIPE_HOME", home.toString()), home, args);
  }

  @Test
  void sql_printsAnAlignedTable_onTheRunningEmbeddedServer() {
    CliRun run =
        pgpipe("sql", "SELECT 7 AS id, 'ab' AS name UNION ALL SELECT 123, NULL ORDER BY 1");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .isEqualTo(
            String.join(
                NL, " id  | name", "-----+------", "   7 | ab", " 123 | NULL", "(2 rows)", ""));
    assertThat(run.err())
        .contains("using the embedded PostgreSQL already running on port " + server.port())
        .contains("psql -h localhost -p " + server.port() + " -U postgres postgres");
  }

  @Test
  void sql_json_printsOneTypedObjectPerRow() {
    CliRun run =
        pgpipe(
            "sql",
            "--json",
            "SELECT 1 AS n, 2.50::numeric AS d, true AS ok, NULL AS nothing,"
                + " '{\"k\": [1]}'::jsonb AS doc, 'NaN'::float8 AS nan, 'x\"y' AS s");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "{\"n\":1,\"d\":2.50,\"ok\":true,\"nothing\":null,\"doc\":{\"k\":[1]},"
                + "\"nan\":\"NaN\",\"s\":\"x\\\"y\"}"
                + NL);
  }

  @Test
  void sql_reportsChangedRows_DdlAndEmptyResults() {
    assertThat(pgpipe("sql", "CREATE TABLE counted (v int)").out()).isEqualTo("OK" + NL);
    assertThat(pgpipe("sql", "INSERT INTO counted VALUES (1), (2)").out())
        .isEqualTo("2 rows changed" + NL);
    assertThat(pgpipe("sql", "/* x */ DELETE FROM counted WHERE v = 1 RETURNING v").out())
        .contains(" v", "(1 row)");
    assertThat(pgpipe("sql", "SELECT * FROM counted WHERE false").out())
        .isEqualTo(String.join(NL, " v", "---", "(0 rows)", ""));
  }

  @Test
  void sql_takesTheTextAsIs_questionMarksAndSeveralStatements() {
    CliRun run =
        pgpipe("sql", "SET search_path = public; SELECT '{\"a\": 1}'::jsonb ? 'a' AS has_a");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(String.join(NL, " has_a", "-------", " t", "(1 row)", ""));
  }

  @Test
  void sql_failure_showsSqlStateAndExits1() {
    CliRun run = pgpipe("sql", "SELECT * FROM no_such_table");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("pgpipe sql: ", "relation \"no_such_table\" does not exist", "42P01");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void sql_withUrl_usesThatServer_andStartsNoEmbeddedOne() {
    String url = "postgres://postgres@localhost:" + server.port() + "/postgres";
    CliRun run = CliRun.run(Map.of(), home.resolve("elsewhere"), "sql", "--url", url, "SELECT 1");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("(1 row)");
    assertThat(run.err()).isEmpty();
    assertThat(home.resolve("elsewhere/.pgpipe")).doesNotExist();
  }

  @Test
  void sql_withPgpipeUrlVariable_usesThatServer() {
    String url = "jdbc:postgresql://localhost:" + server.port() + "/postgres?user=postgres";
    CliRun run = CliRun.run(Map.of("PGPIPE_URL", url), home, "sql", "SELECT current_user");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("postgres", "(1 row)");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void demo_loadsADbnFileAndTypedRecords_onTheEmbeddedServer_twiceOver() {
    for (int run = 1; run <= 2; run++) { // a second demo starts afresh, it does not add rows
      CliRun demo =
          pgpipe("demo", "--records", "3000", "--rows", "2000", "--replicate-seconds", "0");

      assertThat(demo.exitCode()).as(demo.err()).isZero();
      assertThat(demo.out())
          .contains("connected to PostgreSQL 17.")
          .contains("wrote 3,000 synthetic MBO records with pgpipe's DBN encoder")
          .contains("pgpipe_demo.mbo  ", "3,000 records")
          .contains("1 file skipped by the load ledger, pgpipe_demo.mbo still holds 3,000 rows")
          .contains("wrote 2,000 typed records", "into pgpipe_demo.trades in")
          .contains("BatchWriter ran at ")
          .contains("x the server's limit")
          .contains("pgpipe sql \"SELECT * FROM");
      assertThat(demo.err()).as("load's progress line").contains("loading bench-load-mbo-3000");
      assertThat(pgpipe("sql", "SELECT count(*) FROM pgpipe_demo.mbo").out()).contains("3000");
      assertThat(pgpipe("sql", "SELECT count(*), max(id) FROM pgpipe_demo.trades").out())
          .contains("2000 | 2000");
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
