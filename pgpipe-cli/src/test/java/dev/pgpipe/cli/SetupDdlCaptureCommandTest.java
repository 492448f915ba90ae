package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgpipe setup-ddl-capture} and its {@code --remove} on the test server. */
@WithPostgres
class SetupDdlCaptureCommandTest {

  private static final String TRIGGERS =
      "SELECT evtname FROM pg_event_trigger WHERE evtname LIKE 'pgpipe%' ORDER BY 1";
  private static final String FUNCTIONS =
      "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
          + " WHERE n.nspname = 'pgpipe' ORDER BY 1";

  @TempDir Path home;

  @Test
  void installsTwiceFromTheUrl_thenRemoveLeavesNoTriggerOrFunction(TestDatabase db) {
    CliRun first = CliRun.run(Map.of(), home, "setup-ddl-capture", "--url", db.url());
    CliRun second = CliRun.run(Map.of(), home, "setup-ddl-capture", "--url", db.url());

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out())
        .startsWith("installed DDL capture in database " + db.name())
        .contains("pgpipe_ddl_command_end, pgpipe_sql_drop, pgpipe_table_rewrite");
    assertThat(db.strings(TRIGGERS))
        .containsExactly("pgpipe_ddl_command_end", "pgpipe_sql_drop", "pgpipe_table_rewrite");

    CliRun remove = CliRun.run(Map.of(), home, "setup-ddl-capture", "--remove", "--url", db.url());

    assertThat(remove.exitCode()).as(remove.err()).isZero();
    assertThat(remove.out()).contains("removed DDL capture", "schema pgpipe");
    assertThat(db.strings(TRIGGERS)).isEmpty();
    assertThat(db.strings(FUNCTIONS)).isEmpty();
    CliRun again = CliRun.run(Map.of(), home, "setup-ddl-capture", "--remove", "--url", db.url());
    assertThat(again.out()).contains("was not installed", "nothing to remove");
  }

  @Test
  void readsThePostgresInputVariables(TestDatabase db) {
    Map<String, String> variables =
        Map.of(
            "POSTGRES_INPUT_HOST", db.host(),
            "POSTGRES_INPUT_PORT", String.valueOf(db.port()),
            "POSTGRES_INPUT_USER", db.user(),
            "POSTGRES_INPUT_PASSWORD", db.password(),
            "POSTGRES_INPUT_DATABASE", db.name());

    CliRun run = CliRun.run(variables, home, "setup-ddl-capture");
    CliRun remove = CliRun.run(variables, home, "setup-ddl-capture", "--remove");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("database " + db.name());
    assertThat(remove.out()).contains("removed DDL capture from database " + db.name());
  }

  @Test
  void anOrdinaryRoleFailsWithTheMissingPrivilege(TestDatabase db) {
    db.execute("DROP ROLE IF EXISTS cli_app", "CREATE ROLE cli_app LOGIN PASSWORD 'cli-pw'");
    try {
      String url = "postgres://cli_app:cli-pw@" + db.host() + ":" + db.port() + "/" + db.name();

      CliRun run = CliRun.run(Map.of(), home, "setup-ddl-capture", "--url", url);

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .contains("pgpipe setup-ddl-capture: ", "role cli_app is not a superuser")
          .contains("ALTER ROLE \"cli_app\" SUPERUSER")
          .doesNotContain("cli-pw");
      assertThat(db.strings(TRIGGERS)).isEmpty();
    } finally {
      db.execute("DROP ROLE cli_app");
    }
  }
}
