package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgpipe verify} on a source and a target test database. */
@WithPostgres
class VerifyCommandTest {

  @TempDir Path home;

  private static TestDatabase pair(TestDatabase source, String table) {
    TestDatabase target = ReplicateCommandTest.target("verify_cli");
    for (TestDatabase db : List.of(source, target)) {
      db.execute(
          String.format("CREATE TABLE %s (id int8 PRIMARY KEY, name text)", table),
          String.format(
              "INSERT INTO %s SELECT g, 'n' || g FROM generate_series(1, 25000) g", table));
    }
    return target;
  }

  private CliRun verify(TestDatabase source, TestDatabase target, String... more) {
    String[] args = {"verify", "--from", source.url(), "--to", target.url()};
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return CliRun.run(Map.of(), home, all);
  }

  @Test
  void verify_equalTables_printsOkLinesAndExitsZero(TestDatabase source) {
    TestDatabase target = pair(source, "ev_equal");

    CliRun run = verify(source, target, "--tables", "ev_equal");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(
            """
            ok    public.ev_equal  25,000 rows
            equal: 1 table, 1 equal, 0 different, 0 skipped
            """);
    assertThat(run.err()).contains("pgpipe verify: postgres://", "chunks of 10,000 rows");
  }

  @Test
  void verify_aTargetThatLostRows_namesThemAndExitsThree_withoutShowingThePassword(
      TestDatabase source) {
    TestDatabase target = pair(source, "ev_lost");
    target.execute(
        "DELETE FROM ev_lost WHERE id > 10000", "UPDATE ev_lost SET name = '' WHERE id = 7");
    source.execute("CREATE TABLE ev_missing (id int PRIMARY KEY)");
    String secret = "pw-" + System.nanoTime();
    String from = source.url().replace("postgres@", "postgres:" + secret + "@");

    CliRun run =
        CliRun.run(
            Map.of(),
            home,
            "verify",
            "--from",
            from,
            "--to",
            target.url(),
            "--tables",
            "ev_lost,public.ev_missing",
            "--chunk-rows",
            "5000");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.out().lines())
        .containsExactly(
            "DIFF  public.ev_lost  source 25,000 rows, target 10,000;"
                + " keys 10001..25000 missing in target (15,000 rows); changed: 7",
            "DIFF  public.ev_missing  source 0 rows; not in the target: create it there with the"
                + " source's definition, then copy or replicate its rows",
            "DIFFERENT: 2 tables, 0 equal, 2 different, 0 skipped",
            "note: each table was read in one REPEATABLE READ snapshot per side; a replica that"
                + " replication is still writing to may differ transiently: verify again once"
                + " it has caught up");
    assertThat(run.err()).contains("postgres:***@", "chunks of 5,000 rows");
    assertThat(run.out() + run.err()).doesNotContain(secret);
  }

  @Test
  void verify_json_printsOneObjectPerTableAndASummary(TestDatabase source) throws Exception {
    TestDatabase target = pair(source, "ev_json");
    target.execute("INSERT INTO ev_json VALUES (30000, 'extra')");

    CliRun run = verify(source, target, "--tables", "ev_json", "--json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    List<JsonNode> lines = run.out().lines().map(VerifyCommandTest::json).toList();
    assertThat(lines).hasSize(2);
    JsonNode table = lines.get(0);
    assertThat(table.get("table").asText()).isEqualTo("ev_json");
    assertThat(table.get("status").asText()).isEqualTo("different");
    assertThat(table.get("targetRows").asLong()).isEqualTo(25_001);
    JsonNode run0 = table.get("differences").get(0);
    assertThat(run0.get("kind").asText()).isEqualTo("extra");
    assertThat(run0.get("keys").toString()).isEqualTo("[[\"30000\"]]");
    assertThat(lines.get(1).get("summary").get("different").asInt()).isEqualTo(1);
  }

  @Test
  void verify_readsSourceAndTargetFromTheEnvironment(TestDatabase source) {
    TestDatabase target = pair(source, "ev_env");
    Map<String, String> env =
        Map.of(
            "POSTGRES_INPUT_HOST", source.host(),
            "POSTGRES_INPUT_PORT", String.valueOf(source.port()),
            "POSTGRES_INPUT_USER", source.user(),
            "POSTGRES_INPUT_DATABASE", source.name(),
            "POSTGRES_INPUT_TABLES", "ev_env",
            "POSTGRES_OUTPUT_HOST", target.host(),
            "POSTGRES_OUTPUT_PORT", String.valueOf(target.port()),
            "POSTGRES_OUTPUT_USER", target.user(),
            "POSTGRES_OUTPUT_DATABASE", target.name());

    CliRun run = CliRun.run(env, home, "verify");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("ok    public.ev_env  25,000 rows\n");
  }

  @Test
  void verify_badArguments_areUsageErrors(TestDatabase source) {
    CliRun noTarget = CliRun.run(Map.of(), home, "verify", "--from", source.url());
    CliRun noSource = CliRun.run(Map.of(), home, "verify", "--to", source.url());
    CliRun badChunk = verify(source, source, "--chunk-rows", "0");
    CliRun badName = verify(source, source, "--tables", "a.b.c");

    assertThat(List.of(noTarget, noSource, badChunk, badName))
        .extracting(CliRun::exitCode)
        .containsOnly(2);
    assertThat(noTarget.err()).contains("--to URL");
    assertThat(noSource.err()).contains("--from URL");
    assertThat(badChunk.err()).contains("--chunk-rows must be at least 1: 0");
    assertThat(badName.err()).contains("--tables: not a table name: 'a.b.c'");
  }

  private static JsonNode json(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(line, e);
    }
  }
}
