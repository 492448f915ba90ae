package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pgpipe replicate --metrics-port}: a real replication in-process, scraped over HTTP while
 * rows flow; the target's connections killed and refused, then allowed again.
 */
@WithPostgres
class MetricsReplicateTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int ROWS = 250;

  @TempDir Path home;

  @Test
  void replicate_servesCountersThatMatchTheRows_andReadyFollowsTheTarget(TestDatabase source) {
    TestDatabase target = ReplicateCommandTest.target("metrics_rep");
    for (TestDatabase db : java.util.List.of(source, target)) {
      db.execute("CREATE TABLE items (id int8 PRIMARY KEY, name text)");
    }
    int port = Scrape.freePort();
    CompletableFuture<CliRun> run = start(source, target, port);
    Await.until("/ready answers 200", WAIT, () -> Scrape.get(port, "/ready").status() == 200);

    source.execute("INSERT INTO items SELECT g, 'n' || g FROM generate_series(1, " + ROWS + ") g");

    Map<String, String> inserts =
        Map.of("table", "public.items", "operation", "insert", "source", "metrics_rep");
    try {
      Scrape.awaitValue(port, "pgpipe_sink_rows_applied_total", inserts, ROWS);
    } catch (AssertionError e) {
      throw new AssertionError(run.isDone() ? run.join().err() : "still running", e);
    }
    Scrape metrics = Scrape.get(port, "/metrics");
    Map<String, String> slot = Map.of("slot", "metrics_rep", "operation", "insert");
    assertThat(metrics.valueOr("pgpipe_cdc_events_total", slot)).isEqualTo(ROWS);
    assertThat(metrics.value("pgpipe_cdc_lag_seconds", Map.of("slot", "metrics_rep"))).isPresent();
    assertThat(MetricsReference.undocumented(metrics.body())).isEmpty();
    assertThat(metrics.body())
        .contains(
            "command=\"replicate\"", "pgpipe_sink_apply_seconds_bucket", "jvm_memory_used_bytes")
        .contains("hikaricp_connections");
    CliRun status = CliRun.run(Map.of(), home, "status", "--url", "http://127.0.0.1:" + port);
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out())
        .contains("ready: yes")
        .containsPattern("source\\s+streaming\\s+yes")
        .containsPattern("rows applied\\s+" + ROWS);

    readyFollowsTheTarget(port, target);

    CliRun done = run.join();
    assertThat(done.exitCode()).as(done.err()).isZero();
    assertThat(done.err()).as("caught up and idle: lag 0").contains(", lag 0 ms,");
    assertThat(ReplicateCommandTest.checksum(target, "items"))
        .isEqualTo(ReplicateCommandTest.checksum(source, "items"));
    assertThat(Scrape.get(port, "/metrics").status()).as("closed with the command").isEqualTo(-1);
    source.execute("SELECT pg_drop_replication_slot('metrics_rep')");
  }

  private CompletableFuture<CliRun> start(TestDatabase source, TestDatabase target, int port) {
    return CompletableFuture.supplyAsync(
        () ->
            CliRun.run(
                Map.of(),
                home,
                "replicate",
                "--from",
                source.url(),
                "--to",
                target.url(),
                "--tables",
                "items",
                "--slot",
                "metrics_rep",
                "--publication",
                "metrics_rep",
                "--flush-interval",
                "100ms",
                "--status-interval",
                "200ms",
                "--idle-exit",
                "8s",
                "--metrics-port",
                String.valueOf(port)));
  }

  /**
   * Kills and refuses the target's connections: {@code /ready} turns 503 naming the target while
   * {@code /metrics} and {@code /health} still answer; allowed again, {@code /ready} is 200.
   */
  static void readyFollowsTheTarget(int port, TestDatabase target) {
    cutTarget(target, true);
    try {
      Await.until(
          "/ready turns 503 naming the target",
          WAIT,
          () -> {
            Scrape ready = Scrape.get(port, "/ready");
            return ready.status() == 503 && ready.body().contains("\"target\"");
          });
      assertThat(Scrape.get(port, "/metrics").status()).as("a scrape answers").isEqualTo(200);
      assertThat(Scrape.get(port, "/health").status()).as("still alive").isEqualTo(200);
    } finally {
      cutTarget(target, false);
    }
    Await.until("/ready is 200 again", WAIT, () -> Scrape.get(port, "/ready").status() == 200);
  }

  /** Refuses (or allows again) connections to the target and kills those it has. */
  static void cutTarget(TestDatabase target, boolean cut) {
    TestDatabase admin =
        new TestDatabase(
            target.host(), target.port(), "postgres", target.user(), target.password());
    admin.execute(
        "ALTER DATABASE " + target.name() + " WITH ALLOW_CONNECTIONS " + !cut,
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '"
            + target.name()
            + "'");
  }
}
