package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordInArgumentsTest {

  @TempDir Path home;

  @Test
  void spotsPasswordsAndTokensInEveryUrlForm() {
    assertThat(PasswordInArguments.any(List.of("--url", "postgres://u:p@h/db"))).isTrue();
    assertThat(PasswordInArguments.any(List.of("--url=postgresql://u:p@h:5432/db"))).isTrue();
    assertThat(PasswordInArguments.any(List.of("--to", "jdbc:postgresql://h/db?user=u&password=p")))
        .isTrue();
    assertThat(PasswordInArguments.any(List.of("--from", "nats://u:p@h:4222"))).isTrue();
    assertThat(PasswordInArguments.any(List.of("--from", "tls://s3cr3ttoken@h:4222"))).isTrue();
  }

  @Test
  void spotsAnApiKeyGivenToApiKey_butNotTheOptionAlone() {
    assertThat(PasswordInArguments.apiKey(List.of("fetch", "--api-key", "db-abc"))).isTrue();
    assertThat(PasswordInArguments.apiKey(List.of("fetch", "--api-key=db-abc"))).isTrue();
    assertThat(PasswordInArguments.apiKey(List.of("fetch", "--api-key", "--dry-run"))).isFalse();
    assertThat(PasswordInArguments.apiKey(List.of("fetch", "--api-key"))).isFalse();
    assertThat(PasswordInArguments.apiKey(List.of("fetch", "--dataset", "X"))).isFalse();
    assertThat(PasswordInArguments.apiKey(List.of("fetch", "--api-key="))).isFalse();
    assertThat(PasswordInArguments.apiKey(List.of("fetch", "--api-key", "@/run/key"))).isFalse();
    assertThat(PasswordInArguments.apiKey(List.of("sql", "--", "--api-key", "db-abc"))).isFalse();
  }

  @Test
  void aCommandWithAnApiKeyArgumentPrintsTheKeyWarningWithoutTheKey() {
    CliRun run =
        CliRun.run(
            Map.of(),
            home,
            "fetch",
            "--api-key",
            "db-hunter2hunter2hunter2hunter22",
            "--dataset",
            "GLBX.MDP3",
            "--schema",
            "mbo",
            "--symbols",
            "ESH6",
            "--start",
            "2026-01-01",
            "--dry-run",
            "--base-url",
            "http://127.0.0.1:1");

    assertThat(run.err().lines().filter(line -> line.equals(PasswordInArguments.KEY_WARNING)))
        .hasSize(1);
    assertThat(run.out() + run.err()).doesNotContain("hunter2");
  }

  @Test
  void urlsWithoutSecretsAndOtherArgumentsPass() {
    assertThat(
            PasswordInArguments.any(
                List.of(
                    "--url",
                    "postgres://u@h:5432/db?sslmode=verify-full",
                    "--from",
                    "nats://h:4222",
                    "select 'a:b@c'",
                    "jdbc:postgresql://h/db?user=u")))
        .isFalse();
  }

  @Test
  void aCommandWithAPasswordInItsUrlPrintsOneWarningLineWithoutThePassword() {
    CliRun run =
        CliRun.run(
            Map.of(),
            home,
            "sql",
            "--url",
            "postgres://u:hunter2-secret@127.0.0.1:1/db",
            "select 1");

    assertThat(run.err().lines().filter(line -> line.equals(PasswordInArguments.WARNING)))
        .hasSize(1);
    assertThat(run.out() + run.err()).doesNotContain("hunter2-secret");
  }

  @Test
  void aCommandWithoutOneDoesNotWarn() {
    CliRun run = CliRun.run(Map.of(), home, "sql", "--url", "postgres://u@127.0.0.1:1/db", "x");

    assertThat(run.err()).doesNotContain("a password is in a URL");
  }

  @Test
  void helpRecommendsFilesOverPasswordsInUrls() {
    CliRun run = CliRun.run(Map.of(), home, "--help");

    assertThat(run.out())
        .contains("keep passwords out of URLs on the command line")
        .contains("PGPASSFILE or ~/.pgpass, POSTGRES_INPUT_PASSWORD_FILE,")
        .contains("POSTGRES_OUTPUT_PASSWORD_FILE, DATABENTO_API_KEY_FILE");
  }
}
