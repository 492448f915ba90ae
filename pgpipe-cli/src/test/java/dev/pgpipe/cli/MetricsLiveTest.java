package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.gateway.MockGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pgpipe live --metrics-port}: a live session from the mock gateway into a real database,
 * scraped over HTTP; the gateway drops the connection and answers the reconnection only later, so
 * {@code /ready} shows the gateway reconnecting, then streaming again.
 */
@WithPostgres
class MetricsLiveTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int FIRST = 300;
  private static final int SECOND = 200;
  private static final Map<String, String> MBO = Map.of("schema", "mbo");
  private static final Map<String, String> NONE = Map.of();

  @TempDir Path home;

  @Test
  void live_servesRecordCountsThatMatchTheGateway_andReadyFollowsTheGatewayConnection(
      TestDatabase db) throws Exception {
    MboSession first = new MboSession(MboSession.START, 0, FIRST, true);
    MboSession second = MboSession.held(MboSession.START + 60_000_000_000L, FIRST, SECOND, false);
    int port = Scrape.freePort();
    try (MockGateway gateway = MockGateway.start()) {
      gateway.serve(first, second);
      CompletableFuture<CliRun> run = start(db, gateway, port);
      Await.until("/ready answers 200", WAIT, () -> Scrape.get(port, "/ready").status() == 200);

      Scrape.awaitValue(port, "pgpipe_market_records_total", MBO, FIRST);
      Scrape.awaitValue(port, "pgpipe_market_rows_committed_total", NONE, FIRST);
      Scrape metrics = Scrape.get(port, "/metrics");
      assertThat(metrics.value("pgpipe_market_live_lag_seconds", NONE)).isPresent();
      assertThat(metrics.valueOr("pgpipe_market_gaps_total", NONE)).isZero();
      assertThat(MetricsReference.undocumented(metrics.body())).isEmpty();
      assertThat(metrics.body()).contains("command=\"live\"").doesNotContain(MboSession.KEY);
      assertThat(count(db)).isEqualTo(FIRST);

      first.release(); // a TCP reset; the second session holds the reconnection unanswered
      Scrape.awaitNotReady(port, "gateway", "reconnecting");
      assertThat(Scrape.get(port, "/health").status()).as("still alive").isEqualTo(200);
      assertThat(Scrape.get(port, "/metrics").status()).as("a scrape answers").isEqualTo(200);
      second.admit();
      Await.until("/ready is 200 again", WAIT, () -> Scrape.get(port, "/ready").status() == 200);

      Scrape.awaitValue(port, "pgpipe_market_records_total", MBO, FIRST + SECOND);
      Scrape.awaitValue(port, "pgpipe_market_rows_committed_total", NONE, FIRST + SECOND);
      Scrape after = Scrape.get(port, "/metrics");
      assertThat(after.valueOr("pgpipe_market_gaps_total", NONE)).isEqualTo(1);
      assertThat(after.valueOr("pgpipe_market_reconnects_total", NONE)).isEqualTo(1);

      second.release();
      CliRun done = run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      gateway.awaitScripts(WAIT);
      assertThat(done.exitCode()).as(done.err()).isZero();
      assertThat(done.err())
          .contains((FIRST + SECOND) + " rows committed")
          .doesNotContain(MboSession.KEY);
    }
    assertThat(db.strings("SELECT order_id FROM metrics_live.mbo ORDER BY 1"))
        .as("every record once, row by row")
        .containsExactlyElementsOf(
            IntStream.range(0, FIRST + SECOND).mapToObj(String::valueOf).toList());
    assertThat(Scrape.get(port, "/metrics").status()).as("closed with the command").isEqualTo(-1);
  }

  private CompletableFuture<CliRun> start(TestDatabase db, MockGateway gateway, int port) {
    List<String> args =
        List.of(
            "live",
            "--dataset=GLBX.MDP3",
            "--schema=mbo",
            "--symbols=ESH6",
            "--gateway=" + gateway.address(),
            "--url=" + db.url(),
            "--schema-prefix=metrics_live.",
            "--flush-ms=20",
            "--status-ms=100",
            "--reconnect-delay-ms=1",
            "--metrics-port=" + port);
    return CliRun.start(
        Map.of("DATABENTO_API_KEY", MboSession.KEY), home, args.toArray(String[]::new));
  }

  private static long count(TestDatabase db) {
    return Long.parseLong(db.strings("SELECT count(*) FROM metrics_live.mbo").get(0));
  }
}
