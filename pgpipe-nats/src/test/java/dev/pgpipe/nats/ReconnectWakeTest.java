package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.client.Backoff;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.CapturedLogs;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.nats.NatsServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A publisher and a consumer that failed while NATS was away wait out their retry backoff; when
 * NATS comes back they resume at once, not when the backoff's delay runs out. Their backoff here is
 * far longer than the test may take, so only the early wake-up lets it pass.
 */
@WithPostgres
class ReconnectWakeTest {

  private static final String SLOT = "wake";
  private static final Backoff LONG_BACKOFF =
      Backoff.exponential(Duration.ofMinutes(5), Duration.ofMinutes(5));
  private static final Duration SOON = Duration.ofSeconds(45);

  @Test
  void bothResumeAsSoonAsNatsIsBackThoughTheirBackoffIsMinutes(TestDatabase source)
      throws Exception {
    TestDatabase target = Pipes.target(SLOT);
    for (TestDatabase db : List.of(source, target)) {
      db.execute("CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL)");
    }
    try (CapturedLogs logs = CapturedLogs.start();
        NatsServer nats = Pipes.nats();
        TableSink sink = TableSink.open(Pipes.sink(target, SLOT, List.of("t")));
        Background publisher =
            Background.start(
                "publisher",
                stop ->
                    TransactionPublisher.run(
                        Pipes.source(source, SLOT, SnapshotMode.NEVER).build(),
                        Pipes.publisher(nats.url()).retry(LONG_BACKOFF).build(),
                        stop::get));
        Background consumer =
            Pipes.consuming(
                Pipes.consumer(nats.url(), SLOT).retry(LONG_BACKOFF).build(),
                new TransactionSinkHandler(sink, false))) {
      Await.until("slot created", SOON, () -> Pipes.slotExists(source, SLOT));
      source.execute("INSERT INTO t VALUES (1, 'before')");
      Await.until("the first row applied", SOON, () -> Pipes.count(target, "t") == 1);
      long away = System.currentTimeMillis();
      nats.stop();
      source.execute("INSERT INTO t VALUES (2, 'while NATS is away')");
      Await.until(
          "the publisher waiting out its backoff",
          SOON,
          () -> {
            publisher.check();
            return logs.warnings(away, Long.MAX_VALUE).stream()
                .anyMatch(e -> e.getFormattedMessage().contains("failed (attempt 1)"));
          });
      nats.launch();
      Await.until(
          "the row written while NATS was away applied, minutes before the backoff ends",
          SOON,
          () -> {
            publisher.check();
            consumer.check();
            return Pipes.count(target, "t") == 2;
          });
      source.execute("INSERT INTO t VALUES (3, 'after')");
      Await.until("the next row applied", SOON, () -> Pipes.count(target, "t") == 3);
      assertThat(Pipes.checksum(target, "t")).isEqualTo(Pipes.checksum(source, "t"));
    }
  }
}
