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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Two sinks, each with its own connection, durable consumer, subject filter and ledger, share one
 * source: each applies only its table's transactions, together the target equals the source.
 */
@WithPostgres
class FilteredConsumersTest {

  private static final int TRANSACTIONS = 50;
  private static final int ROWS = 20;

  @Test
  void disjointFiltersSplitTheWorkAndTogetherCoverTheSource(TestDatabase source) throws Exception {
    TestDatabase target = Pipes.target("filtered");
    for (TestDatabase db : List.of(source, target)) {
      db.execute(
          "CREATE TABLE a (id int PRIMARY KEY, v text NOT NULL)",
          "CREATE TABLE b (id int PRIMARY KEY, v text NOT NULL)");
    }
    AtomicReference<ConsumerStats> onlyA = new AtomicReference<>();
    AtomicReference<ConsumerStats> onlyB = new AtomicReference<>();
    try (NatsServer nats = Pipes.nats();
        TableSink sinkA = TableSink.open(Pipes.sink(target, "src-only-a", List.of("a")));
        TableSink sinkB = TableSink.open(Pipes.sink(target, "src-only-b", List.of("b")));
        Background publisher =
            Background.start(
                "publisher",
                stop ->
                    TransactionPublisher.run(
                        Pipes.source(source, "filtered", SnapshotMode.NEVER).build(),
                        Pipes.publisher(nats.url()).build(),
                        stop::get))) {
      Subjects subjects = Subjects.defaults();
      try (Background a =
              consumer(nats, "only-a", subjects.table(Pipes.SOURCE, "public", "a"), sinkA, onlyA);
          Background b =
              consumer(nats, "only-b", subjects.table(Pipes.SOURCE, "public", "b"), sinkB, onlyB)) {
        Await.until(
            "slot created", Duration.ofSeconds(60), () -> Pipes.slotExists(source, "filtered"));
        CompletableFuture.allOf(
                Workload.inserts(source, "a", TRANSACTIONS, ROWS),
                Workload.inserts(source, "b", TRANSACTIONS, ROWS))
            .get(60, TimeUnit.SECONDS);
        Await.until(
            "both tables complete",
            Duration.ofSeconds(60),
            () -> {
              publisher.check();
              a.check();
              b.check();
              return Pipes.count(target, "a") == TRANSACTIONS * ROWS
                  && Pipes.count(target, "b") == TRANSACTIONS * ROWS;
            });
      }
      assertThat(Pipes.checksum(target, "a")).isEqualTo(Pipes.checksum(source, "a"));
      assertThat(Pipes.checksum(target, "b")).isEqualTo(Pipes.checksum(source, "b"));
      assertThat(onlyA.get().transactions()).isEqualTo(TRANSACTIONS);
      assertThat(onlyB.get().transactions()).isEqualTo(TRANSACTIONS);
    }
  }

  private static Background consumer(
      NatsServer nats,
      String durable,
      String filter,
      TableSink sink,
      AtomicReference<ConsumerStats> stats) {
    return Background.start(
        durable,
        stop ->
            stats.set(
                TransactionConsumer.run(
                    Pipes.consumer(nats.url(), durable).filterSubject(filter).build(),
                    new TransactionSinkHandler(sink, false),
                    stop::get)));
  }
}
