package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.nats.NatsServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * nats-server is restarted (same port and store) while the publisher publishes and the consumer
 * applies: both wait and reconnect, publishing resumes with nothing dropped and nothing twice.
 */
@WithPostgres
class NatsRestartTest {

  private static final int TRANSACTIONS = 200;
  private static final int ROWS = 20;

  @Test
  void serverRestartMidStreamLosesNothing(TestDatabase source) throws Exception {
    TestDatabase target = Pipes.target("restart");
    for (TestDatabase db : List.of(source, target)) {
      db.execute("CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL)");
    }
    try (NatsServer nats = Pipes.nats();
        TableSink sink = TableSink.open(Pipes.sink(target, "restart", List.of("t")));
        Background publisher = Pipes.publishing(source, "restart", SnapshotMode.NEVER, nats.url());
        Background consumer =
            Pipes.consuming(
                Pipes.consumer(nats.url(), "restart").build(),
                new TransactionSinkHandler(sink, false))) {
      Await.until(
          "slot created", Duration.ofSeconds(60), () -> Pipes.slotExists(source, "restart"));
      CompletableFuture<Void> workload = Workload.inserts(source, "t", TRANSACTIONS, ROWS);
      Await.until(
          "some transactions in the stream",
          Duration.ofSeconds(60),
          () -> Pipes.messages(nats.url(), "PGPIPE") >= TRANSACTIONS / 4);
      nats.restart();
      workload.get(60, TimeUnit.SECONDS);
      Await.until(
          "target has every row",
          Duration.ofSeconds(90),
          () -> {
            publisher.check();
            consumer.check();
            return Pipes.count(target, "t") == (long) TRANSACTIONS * ROWS;
          });
      assertThat(Pipes.checksum(target, "t")).isEqualTo(Pipes.checksum(source, "t"));
      assertThat(Pipes.messages(nats.url(), "PGPIPE")).isEqualTo(TRANSACTIONS);
    }
  }
}
