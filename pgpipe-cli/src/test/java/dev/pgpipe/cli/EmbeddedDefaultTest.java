package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no database named, a command starts the embedded server in the home directory. */
class EmbeddedDefaultTest {

  @TempDir Path home;

  @Test
  void sql_withoutUrl_startsTheEmbeddedServerUnderHome_andStopsItAfterwards() {
    int port = SqlCommandTest.freePort();
    Map<String, String> variables = Map.of("PGPIPE_EMBEDDED_PORT", String.valueOf(port));

    CliRun first = CliRun.run(variables, home, "sql", "CREATE TABLE kept AS SELECT 'yes' AS v");
    CliRun second = CliRun.run(variables, home, "sql", "SELECT v FROM kept");

    Path dataDirectory = home.resolve(".pgpipe/pg");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.err())
        .contains("started the embedded PostgreSQL on port " + port)
        .contains("data in " + dataDirectory)
        .contains("psql -h localhost -p " + port + " -U postgres postgres");
    assertThat(second.out()).contains("yes", "(1 row)");
    assertThat(dataDirectory.resolve("postmaster.pid")).doesNotExist();
  }

  @Test
  void badPortVariable_isReportedWithItsValue() {
    CliRun run = CliRun.run(Map.of("PGPIPE_EMBEDDED_PORT", "lots"), home, "sql", "SELECT 1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("PGPIPE_EMBEDDED_PORT must be a port number: lots");
  }
}
