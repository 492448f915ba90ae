package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cli.embedded.EmbeddedServer;
import dev.pgpipe.client.Database;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.gateway.GatewaySession;
import dev.pgpipe.testkit.gateway.MockGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgpipe live} against the mock gateway and an embedded server the test started. */
class LiveCommandTest {

  private static final String KEY = MboSession.KEY;
  private static final long START = MboSession.START;
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir static Path home;
  private static EmbeddedServer server;
  private static Database db;

  @BeforeAll
  static void startServer() {
    server = EmbeddedServer.startOrReuse(home.resolve("pg"), SqlCommandTest.freePort());
    db = Database.builder().url(server.url()).maxSize(1).open();
  }

  @AfterAll
  static void stopServer() {
    db.close();
    server.close();
  }

  private static CliRun pgpipe(Map<String, String> variables, String... args) {
    Map<String, String> all = new java.util.HashMap<>(variables);
    all.put("PGPIPE_HOME", home.toString());
    return CliRun.run(all, home, args);
  }

  private static long rows(String table) {
    try {
      return db.sql("SELECT count(*) FROM " + table).scalar(Long.class);
    } catch (RuntimeException e) {
      return -1; // not created yet
    }
  }

  @Test
  void live_withADrop_reconnects_loadsEveryRecord_andShowsTheGapWithoutTheKey() throws Exception {
    MboSession first = new MboSession(START, 0, 300, true);
    MboSession second = new MboSession(START + 60_000_000_000L, 300, 200, false);
    try (MockGateway gateway = MockGateway.start()) {
      gateway.serve(first, second);
      CompletableFuture<CliRun> run =
          CompletableFuture.supplyAsync(
              () ->
                  pgpipe(
                      Map.of("DATABENTO_API_KEY", KEY),
                      "live",
                      "--dataset=GLBX.MDP3",
                      "--schema=mbo",
                      "--symbols=ESH6,ESM6",
                      "--gateway=" + gateway.address(),
                      "--schema-prefix=live_cli.",
                      "--flush-ms=20",
                      "--reconnect-delay-ms=1"));
      Await.until("the first session's rows", WAIT, () -> rows("live_cli.mbo") == 300);
      first.release();
      Await.until("the second session's rows", WAIT, () -> rows("live_cli.mbo") == 500);
      second.release();
      CliRun result = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      gateway.awaitScripts(WAIT);

      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.err())
          .contains("session mock-0 started", "session mock-1 started")
          .contains("gap: no data between 2026-01-01T00:00:00.000000299Z and 2026-01-01T00:01:00Z")
          .contains("live GLBX.MDP3: 500 records", "records/s", "lag ", "gaps 1")
          .contains("500 rows committed")
          .doesNotContain(KEY)
          .doesNotContain(KEY.substring(0, 27));
      assertThat(result.out())
          .containsPattern("live_cli\\.mbo\\s+500\\s+500")
          .contains("500 records (0 not market data) in 2 sessions with 1 gap");
    }
    assertThat(db.sql("SELECT sum(order_id) FROM live_cli.mbo").scalar(Long.class))
        .isEqualTo(499L * 500 / 2);
    assertThat(db.sql("SELECT count(DISTINCT price) FROM live_cli.mbo").scalar(Long.class))
        .isEqualTo(500);
  }

  @Test
  void live_withoutAKey_isAUsageErrorNamingTheVariable() {
    CliRun run = pgpipe(Map.of(), "live", "--dataset=GLBX.MDP3", "--schema=mbo", "--symbols=A");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "no API key: set DATABENTO_API_KEY_FILE (a file holding it) or DATABENTO_API_KEY, or pass --api-key");
  }

  @Test
  void live_rejectedKey_failsWithTheGatewaysError_andNeverPrintsTheKey() {
    try (MockGateway gateway = MockGateway.start()) {
      gateway.serve(
          session -> {
            session.greet().challenge(GatewaySession.CHALLENGE);
            session.readAuth();
            session.reject("Authentication failed.");
          });
      CliRun run =
          pgpipe(
              Map.of(),
              "live",
              "--api-key=" + KEY,
              "--dataset=GLBX.MDP3",
              "--schema=trades",
              "--symbols=ES.FUT",
              "--stype-in=parent",
              "--gateway=" + gateway.address(),
              "--schema-prefix=live_rejected_");
      gateway.awaitScripts(WAIT);

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).contains("pgpipe live: ", "Authentication failed.");
      assertThat(run.err()).doesNotContain(KEY.substring(0, 27));
    }
  }

  @Test
  void live_keyFromAFile_reachesTheGateway_andIsNeverPrinted() throws Exception {
    Path keyFile = java.nio.file.Files.writeString(home.resolve("databento.key"), KEY + "\n");
    try (MockGateway gateway = MockGateway.start()) {
      gateway.serve(
          session -> {
            session.greet().challenge(GatewaySession.CHALLENGE);
            session.readAuth();
            session.reject("Authentication failed.");
          });
      CliRun run =
          pgpipe(
              Map.of("DATABENTO_API_KEY_FILE", keyFile.toString()),
              "live",
              "--dataset=GLBX.MDP3",
              "--schema=trades",
              "--symbols=ES.FUT",
              "--stype-in=parent",
              "--gateway=" + gateway.address(),
              "--schema-prefix=live_keyfile_");
      gateway.awaitScripts(WAIT);

      assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
      assertThat(run.err()).contains("Authentication failed.").doesNotContain("no API key");
      assertThat(run.out() + run.err()).doesNotContain(KEY.substring(0, 27));
    }
  }

  @Test
  void live_unknownSchema_isAUsageErrorListingTheSchemas() {
    CliRun run =
        pgpipe(
            Map.of("DATABENTO_API_KEY", KEY),
            "live",
            "--dataset=GLBX.MDP3",
            "--schema=mbo,quotes",
            "--symbols=A");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--schema: unknown schema 'quotes'", "mbp-10");
  }
}
