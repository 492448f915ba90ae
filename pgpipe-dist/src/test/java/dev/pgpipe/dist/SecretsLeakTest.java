package dev.pgpipe.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.LoopbackHttp;
import dev.pgpipe.testkit.LoopbackHttp.Answer;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.TestServer;
import dev.pgpipe.testkit.WithPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret reaches what an operator or another user can see: standard output, standard error, the
 * logs (every logger at DEBUG, into a file), and the {@code /metrics}, {@code /ready} and {@code
 * /health} endpoints of a running command ({@code --metrics-port}). Each run hands secrets to the
 * real {@code bin/pgpipe} the ways pgpipe takes them (a URL on the command line, {@code
 * *_PASSWORD_FILE}, a NATS password file, {@code DATABENTO_API_KEY_FILE}) and lets the connection
 * fail, since failure messages are where secrets usually leak. The endpoints are read from a {@code
 * replicate} between two databases of the test server, whose roles log in with SCRAM passwords that
 * are this test's secrets, while its target refuses the login and it keeps trying.
 *
 * <p>To extend: {@link #surfaces} lists what a run left behind; {@link #ENDPOINTS} what a running
 * command serves.
 */
@WithPostgres
class SecretsLeakTest {

  private static final String URL_PASSWORD = "url-secret-7d1e";
  private static final String INPUT_PASSWORD = "input-file-secret-3a9c";
  private static final String OUTPUT_PASSWORD = "output-file-secret-5b2f";
  private static final String NATS_PASSWORD = "nats-file-secret-8c4a";
  private static final String API_KEY = "db-k3y-0123456789abcdefghijklmno";
  private static final List<String> SECRETS =
      List.of(URL_PASSWORD, INPUT_PASSWORD, OUTPUT_PASSWORD, NATS_PASSWORD, API_KEY);
  private static final List<String> ENDPOINTS = List.of("/metrics", "/ready", "/health");
  private static final String SOURCE_ROLE = "secrets_leak_source";
  private static final String TARGET_ROLE = "secrets_leak_target";
  private static final String SLOT = "secrets_leak";
  private static final Duration WAIT = Duration.ofSeconds(90);

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

  /**
   * A replication whose target then refuses the login (the role's password changed, so the file
   * holds a wrong one, the way a rotation that forgot the file does): while it keeps trying, {@code
   * /ready} names the refused login, {@code /health} says it is alive, and no endpoint shows a
   * secret; nor does its output or log once it is stopped.
   */
  @Test
  void endpointsOfARetryingCommandShowTheRefusedLoginButNoSecret(TestDatabase source)
      throws Exception {
    TestDatabase target = TestServer.get().createDatabase(source.name() + "_target");
    try {
      logInWithSecrets(source, target);
      Map<String, String> env = new LinkedHashMap<>(secretVariables);
      env.putAll(connection("POSTGRES_INPUT", source, SOURCE_ROLE));
      env.putAll(connection("POSTGRES_OUTPUT", target, TARGET_ROLE));
      int port = Unpacked.freePort();
      try (Started replicate =
          dist.start(
              env,
              "replicate",
              "--tables=leak_items",
              "--slot=" + SLOT,
              "--publication=" + SLOT,
              "--metrics-port=" + port)) {
        replicatesARow(replicate, port, source, target);

        target.execute(
            "ALTER ROLE " + TARGET_ROLE + " PASSWORD 'rotated-elsewhere'",
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '"
                + TARGET_ROLE
                + "'");
        String refused = "refused the login of user '" + TARGET_ROLE + "'";
        awaitAnswer(
            replicate,
            port,
            "/ready",
            ready -> ready.status() == 503 && ready.body().contains(refused));
        Map<String, Answer> answers = new LinkedHashMap<>();
        ENDPOINTS.forEach(path -> answers.put(path, LoopbackHttp.get(port, path)));

        assertThat(answers.get("/health").status()).as("alive: it keeps trying").isEqualTo(200);
        assertThat(answers.get("/metrics").body()).contains("command=\"replicate\"");
        answers.forEach(
            (path, answer) ->
                SECRETS.forEach(
                    secret -> assertThat(answer.body()).as(path).doesNotContain(secret)));
        target.execute("ALTER ROLE " + TARGET_ROLE + " PASSWORD '" + OUTPUT_PASSWORD + "'");
        assertNoSecretIn(replicate.stop(90));
      }
    } finally {
      TestServer.get().dropDatabase(target.name());
      source.execute(
          "DROP TABLE IF EXISTS leak_items",
          "DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = '"
              + SOURCE_ROLE
              + "') THEN DROP OWNED BY "
              + SOURCE_ROLE
              + ", "
              + TARGET_ROLE
              + "; END IF; END $$", // its publication, among others
          "DROP ROLE IF EXISTS " + SOURCE_ROLE + ", " + TARGET_ROLE);
    }
  }

  /**
   * Roles whose SCRAM passwords are the secrets of the password files, a table on both sides.
   * Superusers, since privileges are not what this test is about.
   */
  private static void logInWithSecrets(TestDatabase source, TestDatabase target) {
    for (String role : List.of(SOURCE_ROLE, TARGET_ROLE)) {
      source.execute(
          "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
              + role
              + "') THEN CREATE ROLE "
              + role
              + "; END IF; END $$");
    }
    source.execute(
        "ALTER ROLE " + SOURCE_ROLE + " LOGIN SUPERUSER PASSWORD '" + INPUT_PASSWORD + "'",
        "ALTER ROLE " + TARGET_ROLE + " LOGIN SUPERUSER PASSWORD '" + OUTPUT_PASSWORD + "'",
        "CREATE TABLE leak_items (id int PRIMARY KEY, name text)");
    target.execute("CREATE TABLE leak_items (id int PRIMARY KEY, name text)");
  }

  private static Map<String, String> connection(String prefix, TestDatabase db, String role) {
    return Map.of(
        prefix + "_HOST", db.host(),
        prefix + "_PORT", String.valueOf(db.port()),
        prefix + "_DATABASE", db.name(),
        prefix + "_USER", role);
  }

  /** Ready, then a row of the source reaches the target: the replication streams. */
  private static void replicatesARow(
      Started replicate, int port, TestDatabase source, TestDatabase target) throws IOException {
    awaitAnswer(replicate, port, "/ready", ready -> ready.status() == 200);
    source.execute("INSERT INTO leak_items VALUES (1, 'one')");
    try {
      Await.until(
          "the row in the target",
          WAIT,
          () -> target.strings("SELECT count(*) FROM leak_items").equals(List.of("1")));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; replicate printed:\n" + replicate.printed(), e);
    }
  }

  /**
   * Waits until {@code path} answers as {@code expected}; on timeout shows the last answer and what
   * the command printed.
   */
  private static void awaitAnswer(
      Started command, int port, String path, Predicate<Answer> expected) throws IOException {
    Answer[] last = {new Answer(-1, "none yet")};
    try {
      Await.until(
          path + " answers as expected",
          WAIT,
          () -> {
            last[0] = LoopbackHttp.get(port, path);
            return expected.test(last[0]);
          });
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage() + "; last answer " + last[0] + "; it printed:\n" + command.printed(), e);
    }
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
