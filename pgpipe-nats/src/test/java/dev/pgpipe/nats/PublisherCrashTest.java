package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.sink.TableSink;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.nats.NatsServer;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The publisher, in a child JVM, is killed with kill -9 while it publishes, and started again: the
 * slot replays what was not confirmed, JetStream drops what it already stored (same message ids),
 * and the target ends equal to the source with every transaction in the stream exactly once.
 */
@WithPostgres
class PublisherCrashTest {

  private static final int TRANSACTIONS = 300;
  private static final int ROWS = 50;

  @Test
  void killedPublisherRestartsWithoutLossOrDuplicate(TestDatabase source) throws Exception {
    TestDatabase target = Pipes.target("pubcrash");
    for (TestDatabase db : List.of(source, target)) {
      db.execute("CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL)");
    }
    File log = new File("target/publisher-child.log");
    try (NatsServer nats = Pipes.nats();
        TableSink sink = TableSink.open(Pipes.sink(target, "pubcrash", List.of("t")));
        Background consumer =
            Background.start(
                "consumer",
                stop ->
                    TransactionConsumer.run(
                        Pipes.consumer(nats.url(), "pubcrash").build(),
                        new TableSinkHandler(sink),
                        stop::get))) {
      Process first = Pipes.child(PublisherChild.class, log, source.url(), "pubcrash", nats.url());
      Await.until(
          "slot created", Duration.ofSeconds(60), () -> Pipes.slotExists(source, "pubcrash"));
      CompletableFuture<Void> workload = Workload.inserts(source, "t", TRANSACTIONS, ROWS);
      Await.until(
          "a third of the transactions in the stream",
          Duration.ofSeconds(60),
          () -> Pipes.messages(nats.url(), "PGPIPE") >= TRANSACTIONS / 3);
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      long atKill = Pipes.messages(nats.url(), "PGPIPE");
      Process second = Pipes.child(PublisherChild.class, log, source.url(), "pubcrash", nats.url());
      try {
        workload.get(60, TimeUnit.SECONDS);
        Await.until(
            "target has every row",
            Duration.ofSeconds(90),
            () -> {
              consumer.check();
              return Pipes.count(target, "t") == (long) TRANSACTIONS * ROWS;
            });
      } finally {
        second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      System.out.printf("publisher killed with %d of %d messages stored%n", atKill, TRANSACTIONS);
      assertThat(Pipes.checksum(target, "t")).isEqualTo(Pipes.checksum(source, "t"));
      assertThat(Pipes.messages(nats.url(), "PGPIPE")).isEqualTo(TRANSACTIONS);
    }
  }
}
