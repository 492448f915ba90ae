package dev.pgpipe.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret reaches what an operator or another user can see: standard output, standard error, or
 * the logs (every logger at DEBUG, into a file). Each run hands secrets to the real {@code
 * bin/pgpipe} the ways pgpipe takes them (a URL on the command line, {@code *_PASSWORD_FILE}, a
 * NATS password file, {@code DATABENTO_API_KEY_FILE}) and lets the connection fail, since failure
 * messages are where secrets usually leak.
 *
 * <p>To extend: {@link #surfaces} lists what is searched. Once commands serve {@code /metrics} and
 * {@code /ready} ({@code --metrics-port}), start the command in the background with that flag and
 * add the two bodies there.
 */
class SecretsLeakTest {

  private static final String URL_PASSWORD = "url-secret-7d1e";
  private static final String INPUT_PASSWORD = "input-file-secret-3a9c";
  private static final String OUTPUT_PASSWORD = "output-file-secret-5b2f";
  private static final String NATS_PASSWORD = "nats-file-secret-8c4a";
  private static final String API_KEY = "db-k3y-0123456789abcdefghijklmno";
  private static final List<String> SECRETS =
      List.of(URL_PASSWORD, INPUT_PASSWORD, OUTPUT_PASSWORD, NATS_PASSWORD, API_KEY);

  @TempDir static Path directory;

  private static Unpacked dist;
  private static Path logFile;
  private static Map<String, String> secretVariables;

  @BeforeAll
  static void unpack() throws Exception {
    dist = Unpacked.unpack(directory);
    logFile = directory.resolve("pgpipe.log");
    Path logConfig =
        Files.writeString(
            directory.resolve("logback-debug.xml"),
            """
            <configuration>
              <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                <file>%s</file>
                <encoder><pattern>%%level %%logger %%msg%%n%%ex</pattern></encoder>
              </appender>
              <root level="DEBUG"><appender-ref ref="FILE"/></root>
            </configuration>
            """
                .formatted(logFile));
    int deadPort = Unpacked.freePort();
    secretVariables = new LinkedHashMap<>();
    secretVariables.put("PGPIPE_JAVA_OPTS", "-Dlogback.configurationFile=" + logConfig);
    secretVariables.put("POSTGRES_INPUT_HOST", "127.0.0.1");
    secretVariables.put("POSTGRES_INPUT_PORT", String.valueOf(deadPort));
    secretVariables.put("POSTGRES_INPUT_USER", "cdc");
    secretVariables.put("POSTGRES_INPUT_PASSWORD_FILE", secret("input", INPUT_PASSWORD));
    secretVariables.put("POSTGRES_OUTPUT_HOST", "127.0.0.1");
    secretVariables.put("POSTGRES_OUTPUT_PORT", String.valueOf(deadPort));
    secretVariables.put("POSTGRES_OUTPUT_USER", "sink");
    secretVariables.put("POSTGRES_OUTPUT_PASSWORD_FILE", secret("output", OUTPUT_PASSWORD));
    secretVariables.put("NATS_URL", "nats://127.0.0.1:" + deadPort);
    secretVariables.put("NATS_USER", "pgpipe");
    secretVariables.put("NATS_PASSWORD_FILE", secret("nats", NATS_PASSWORD));
    secretVariables.put("DATABENTO_API_KEY_FILE", secret("databento", API_KEY));
  }

  private static String secret(String name, String value) throws Exception {
    return Files.writeString(directory.resolve(name + ".secret"), value + "\n").toString();
  }

  /** Everything a run left for people to read. */
  private static Map<String, String> surfaces(Unpacked.Run run) throws Exception {
    Map<String, String> surfaces = new LinkedHashMap<>();
    surfaces.put("stdout", run.out());
    surfaces.put("stderr", run.err());
    surfaces.put("log", Files.exists(logFile) ? Files.readString(logFile) : "");
    return surfaces;
  }

  private static void assertNoSecretIn(Unpacked.Run run) throws Exception {
    surfaces(run)
        .forEach(
            (surface, text) ->
                SECRETS.forEach(secret -> assertThat(text).as(surface).doesNotContain(secret)));
  }

  private static long warnings(Unpacked.Run run) {
    return run.err().lines().filter(line -> line.contains("a password is in a URL")).count();
  }

  @Test
  void passwordInACommandLineUrlIsWarnedAboutInOneLineAndNeverShown() throws Exception {
    String url = "postgres://app:" + URL_PASSWORD + "@127.0.0.1:" + Unpacked.freePort() + "/app";

    Unpacked.Run run = dist.pgpipe(secretVariables, "sql", "--url", url, "select 1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(warnings(run)).isEqualTo(1);
    assertThat(run.err()).contains("PGPASSFILE").contains("POSTGRES_OUTPUT_PASSWORD_FILE");
    assertNoSecretIn(run);
  }

  @Test
  void passwordFilesOfSourceAndTargetNeverSurface() throws Exception {
    Unpacked.Run run = dist.pgpipe(secretVariables, "replicate", "--tables", "t");

    assertThat(run.exitCode()).as(run.err()).isNotZero();
    assertThat(run.err()).contains("127.0.0.1");
    assertThat(warnings(run)).isZero();
    assertNoSecretIn(run);
  }

  @Test
  void natsAndTargetPasswordFilesNeverSurface() throws Exception {
    Unpacked.Run run = dist.pgpipe(secretVariables, "sink");

    assertThat(run.exitCode()).as(run.err()).isNotZero();
    assertThat(warnings(run)).isZero();
    assertNoSecretIn(run);
  }

  @Test
  void apiKeyFileNeverSurfaces() throws Exception {
    Unpacked.Run run =
        dist.pgpipe(
            secretVariables,
            "live",
            "--dataset=GLBX.MDP3",
            "--schema=trades",
            "--symbols=ES.FUT",
            "--gateway=127.0.0.1:" + Unpacked.freePort());

    assertThat(run.exitCode()).as(run.err()).isNotZero();
    assertThat(run.err()).doesNotContain("no API key");
    assertNoSecretIn(run);
  }

  @Test
  void helpRecommendsSecretFilesOverPasswordsInUrls() throws Exception {
    Unpacked.Run run = dist.pgpipe("--help");

    assertThat(run.out())
        .contains("keep passwords out of URLs on the command line")
        .contains("PGPASSFILE or ~/.pgpass, POSTGRES_INPUT_PASSWORD_FILE,")
        .contains("POSTGRES_OUTPUT_PASSWORD_FILE, DATABENTO_API_KEY_FILE, NATS_CREDS, NATS_NKEY,");
  }
}
