package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @TempDir Path home;

  private CliRun run(String... args) {
    return CliRun.run(Map.of(), home, args);
  }

  @Test
  void help_listsBuiltInAndProvidedCommands() {
    CliRun run = run("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("Usage: pgpipe")
        .contains("server", "help", "test-echo", "--version", "PGPIPE_EMBEDDED_PORT");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void version_printsTheProjectVersion() {
    CliRun run = run("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .containsPattern("^pgpipe \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R")
        .contains("Java ");
  }

  @Test
  void unknownCommand_isAUsageErrorNamingIt() {
    CliRun run = run("frobnicate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("pgpipe: Unmatched argument at index 0: 'frobnicate'")
        .endsWith("Run 'pgpipe --help' for the commands and options." + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void noCommand_isAUsageErrorListingTheCommands() {
    CliRun run = run();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("pgpipe: missing command").contains("Commands:", "server");
  }

  @Test
  void providedCommand_runsLikeABuiltInOne() {
    CliRun run = run("test-echo", "hello", "world");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("hello world" + System.lineSeparator());
  }

  @Test
  void providedCommand_readsTheCommandLinesEnvironmentThroughDatabaseOptions() {
    CliRun run =
        CliRun.run(
            Map.of("PGPIPE_URL", "postgres://u:topsecret@db.example:6000/shop"),
            home,
            "test-target");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .isEqualTo("PGPIPE_URL postgres://u:***@db.example:6000/shop" + System.lineSeparator());
  }

  @Test
  void commandsAndMixinsGetTheEnvironmentFromTheFactory() throws Exception {
    Environment environment = new Environment(Map.of("PGHOST", "from.factory"), home);
    EnvironmentFactory factory = new EnvironmentFactory(environment);

    DatabaseOptions options = factory.create(DatabaseOptions.class);
    try (DatabaseTarget target = options.target()) {
      assertThat(target.settings().host()).isEqualTo("from.factory");
    }
    assertThat(factory.create(StringBuilder.class)).isEmpty();
  }

  @Test
  void failingCommand_reportsMessageAndCauseInOneLine_exit1() {
    CliRun run = run("test-fail");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "pgpipe test-fail: cannot frobnicate: 42 (caused by java.io.IOException: disk on fire)"
                + System.lineSeparator());
  }

  @Test
  void failingCommand_withDebug_printsTheStackTrace() {
    CliRun run = CliRun.run(Map.of("PGPIPE_DEBUG", "1"), home, "test-fail");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("at dev.pgpipe.cli.TestCommands$Fail.call");
  }
}
