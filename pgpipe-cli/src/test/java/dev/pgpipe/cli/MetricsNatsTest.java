package dev.pgpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.nats.NatsServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pgpipe cdc --to nats://...} and {@code pgpipe sink --from nats://...} with {@code
 * --metrics-port}: both run in-process against a real nats-server, scraped over HTTP while rows
 * flow; nats-server is stopped, so both turn not ready naming JetStream, then started again.
 */
@WithPostgres
class MetricsNatsTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int ROWS = 200;
  private static final String SLOT = "metrics_nats";
  private static final String TABLE = "CREATE TABLE items (id int8 PRIMARY KEY, name text)";

  @TempDir Path home;

  @Test
  void cdcToNats_andSink_serveCountersThatMatchTheRows_andReadyFollowsJetStream(TestDatabase source)
      throws Exception {
    TestDatabase target = ReplicateCommandTest.target(SLOT);
    source.execute(TABLE);
    target.execute(TABLE);
    try (NatsServer nats = NatsServer.start()) {
      int cdcPort = Scrape.freePort();
      int sinkPort = Scrape.freePort();
      CompletableFuture<CliRun> cdc = cdc(source, nats, cdcPort);
      awaitReady(cdcPort, cdc); // the publisher created the stream
      CompletableFuture<CliRun> sink = sink(target, nats, sinkPort);
      awaitReady(sinkPort, sink);

      source.execute(
          "INSERT INTO items SELECT g, 'n' || g FROM generate_series(1, " + ROWS + ") g");
      publisherCountsOneTransaction(cdcPort);
      sinkCountsOneTransaction(sinkPort);

      NatsPublishing.awaitAcknowledged(nats.url(), "METRICS", "pgpipe-sink", 1);
      nats.stop(); // gracefully, so the server keeps the acknowledgement: no redelivery
      for (int port : List.of(cdcPort, sinkPort)) {
        Scrape.awaitNotReady(port, "jetstream", "reconnecting");
        assertThat(Scrape.get(port, "/health").status()).as("still alive").isEqualTo(200);
        assertThat(Scrape.get(port, "/metrics").status()).as("a scrape answers").isEqualTo(200);
      }
      nats.launch();
      awaitReady(cdcPort, cdc);
      awaitReady(sinkPort, sink);

      source.execute("UPDATE items SET name = 'u' || id WHERE id % 2 = 0");
      CliRun published = cdc.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      CliRun applied = sink.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(published.exitCode()).as(published.err()).isZero();
      assertThat(published.err()).contains("after 2 transactions in 2 messages");
      assertThat(applied.exitCode()).as(applied.err()).isZero();
      assertThat(applied.err()).contains("after 2 transactions, " + (ROWS + ROWS / 2) + " events");
    }
    source.execute("SELECT pg_drop_replication_slot('" + SLOT + "')");
    String rows = "SELECT t::text FROM items t ORDER BY id";
    assertThat(target.strings(rows))
        .as("row by row")
        .hasSize(ROWS)
        .containsExactlyElementsOf(source.strings(rows));
  }

  /** The publisher stored the insert as one message and acknowledged its rows to the slot. */
  private static void publisherCountsOneTransaction(int port) {
    Map<String, String> slot = Map.of("slot", SLOT);
    Scrape.awaitValue(port, "pgpipe_cdc_transactions_total", slot, 1);
    Scrape.awaitValue(port, "pgpipe_jetstream_published_total", Map.of(), 1);
    Scrape metrics = Scrape.get(port, "/metrics");
    assertThat(metrics.valueOr("pgpipe_cdc_events_total", Map.of("operation", "insert")))
        .isEqualTo(ROWS);
    assertThat(metrics.valueOr("pgpipe_jetstream_publish_retries_total", Map.of())).isZero();
    assertThat(metrics.value("pgpipe_cdc_lag_seconds", slot)).isPresent();
    assertThat(metrics.body()).contains("command=\"cdc\"", "pgpipe_cdc_write_seconds_bucket");
    assertThat(MetricsReference.undocumented(metrics.body())).isEmpty();
  }

  /** The sink took that one message and applied its rows; nothing is left pending. */
  private static void sinkCountsOneTransaction(int port) {
    Map<String, String> inserts =
        Map.of("source", "metrics", "table", "public.items", "operation", "insert");
    Scrape.awaitValue(port, "pgpipe_sink_rows_applied_total", inserts, ROWS);
    // read from the consumer's counters, which it publishes once the poll that applied returns
    Scrape.awaitValue(port, "pgpipe_jetstream_consumer_transactions_total", Map.of(), 1);
    Scrape metrics = Scrape.get(port, "/metrics");
    assertThat(metrics.valueOr("pgpipe_jetstream_delivered_total", Map.of())).isEqualTo(1);
    assertThat(metrics.valueOr("pgpipe_jetstream_redelivered_total", Map.of())).isZero();
    assertThat(metrics.valueOr("pgpipe_jetstream_consumer_pending", Map.of())).isZero();
    assertThat(metrics.valueOr("pgpipe_jetstream_consumer_lag_seconds", Map.of()))
        .as("caught up: no lag, however long ago the last commit was")
        .isZero();
    assertThat(metrics.body()).contains("command=\"sink\"", "hikaricp_connections");
    assertThat(MetricsReference.undocumented(metrics.body())).isEmpty();
  }

  /** Waits until {@code /ready} is 200 with JetStream connected; else shows how the run ended. */
  private static void awaitReady(int port, CompletableFuture<CliRun> run) {
    String connected = "\"jetstream\":{\"state\":\"connected\",\"ready\":true";
    try {
      Await.until(
          port + "/ready is 200 with " + connected,
          WAIT,
          () -> {
            Scrape ready = Scrape.get(port, "/ready");
            return ready.status() == 200 && ready.body().contains(connected);
          });
    } catch (AssertionError e) {
      throw new AssertionError(run.isDone() ? run.join().err() : "still running", e);
    }
  }

  private CompletableFuture<CliRun> cdc(TestDatabase source, NatsServer nats, int port) {
    return run(
        Map.of(),
        port,
        "cdc",
        "--url",
        source.url(),
        "--to",
        nats.url(),
        "--tables",
        "items",
        "--slot",
        SLOT,
        "--publication",
        SLOT,
        "--snapshot",
        "never");
  }

  private CompletableFuture<CliRun> sink(TestDatabase target, NatsServer nats, int port) {
    return run(
        Map.of("NATS_URL", nats.url()),
        port,
        "sink",
        "--to",
        target.url(),
        "--status-interval",
        "200ms");
  }

  /** Runs {@code command} on stream METRICS as source {@code metrics} for two transactions. */
  private CompletableFuture<CliRun> run(
      Map<String, String> variables, int metricsPort, String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(
        List.of(
            "--stream",
            "METRICS",
            "--source",
            "metrics",
            "--max-transactions",
            "2",
            "--metrics-port",
            String.valueOf(metricsPort)));
    return CliRun.start(variables, home, args.toArray(String[]::new));
  }
}
