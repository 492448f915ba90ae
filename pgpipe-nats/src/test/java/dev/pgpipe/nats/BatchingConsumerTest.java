package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.nats.NatsServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The consumer gathers whole transactions into batches of at most the batch size in events (a
 * transaction is never split: a batch ends with the transaction that reaches the limit), flushes a
 * batch after the flush interval or as soon as it is caught up, and acknowledges each batch with
 * one ack.
 */
@WithPostgres
class BatchingConsumerTest {

  private static final int TRANSACTIONS = 6;
  private static final int ROWS = 5;

  /** Records the transactions of each batch. */
  private static final class Batches implements TransactionHandler {
    final List<List<Transaction>> batches = new CopyOnWriteArrayList<>();

    @Override
    public void accept(String source, Transaction part) {
      batches.add(List.of(part));
    }

    @Override
    public void acceptAll(String source, List<Transaction> parts) {
      batches.add(List.copyOf(parts));
    }

    @Override
    public void abort() {}

    List<Integer> sizes() {
      List<Integer> sizes = new ArrayList<>();
      batches.forEach(b -> sizes.add(b.size()));
      return sizes;
    }
  }

  @Test
  void batchesEndAtTheTransactionThatReachesTheLimit_neverSplitOne(TestDatabase source)
      throws Exception {
    source.execute("CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL)");
    try (NatsServer nats = Pipes.nats()) {
      try (Background publisher =
          Pipes.publishing(source, "batching", SnapshotMode.NEVER, nats.url())) {
        Await.until(
            "slot created", Duration.ofSeconds(60), () -> Pipes.slotExists(source, "batching"));
        Workload.inserts(source, "t", TRANSACTIONS, ROWS).get();
        Await.until(
            "all in the stream",
            Duration.ofSeconds(60),
            () -> {
              publisher.check();
              return Pipes.messages(nats.url(), "PGPIPE") == TRANSACTIONS;
            });
      }
      Duration linger = Duration.ofMillis(500);
      Duration never = Duration.ofMinutes(5);
      assertThat(consume(nats, "limit9", new BatchLimits(9, 1 << 20, never, linger)))
          .as("size - 1")
          .containsExactly(2, 2, 2);
      assertThat(consume(nats, "limit10", new BatchLimits(10, 1 << 20, never, linger)))
          .as("size")
          .containsExactly(2, 2, 2);
      assertThat(consume(nats, "limit11", new BatchLimits(11, 1 << 20, never, linger)))
          .as("size + 1")
          .containsExactly(3, 3);
      assertThat(consume(nats, "interval0", new BatchLimits(1000, 1 << 20, Duration.ZERO, linger)))
          .as("flush interval passed at once")
          .containsExactly(1, 1, 1, 1, 1, 1);
    }
  }

  @Test
  void aCaughtUpConsumerAppliesAtOnce_notAtTheFlushIntervalOrLinger(TestDatabase source)
      throws Exception {
    source.execute("CREATE TABLE trickle (id int PRIMARY KEY, v text NOT NULL)");
    Duration never = Duration.ofMinutes(5); // far beyond every wait below
    try (NatsServer nats = Pipes.nats();
        Background publisher =
            Pipes.publishing(source, "caughtup", SnapshotMode.NEVER, nats.url())) {
      Await.until(
          "slot created", Duration.ofSeconds(60), () -> Pipes.slotExists(source, "caughtup"));
      Workload.inserts(source, "trickle", TRANSACTIONS, ROWS).get();
      Batches handler = new Batches();
      ConsumerConfig config =
          Pipes.consumer(nats.url(), "caughtup")
              .batch(new BatchLimits(1000, 1 << 20, never, never))
              .build();
      try (TransactionConsumer consumer = TransactionConsumer.connect(config, handler)) {
        awaitApplied(consumer, handler, publisher, TRANSACTIONS);
        int batchesBefore = handler.batches.size();

        source.execute(
            "INSERT INTO trickle VALUES (1000, 'one more')"); // a trickle after catching up
        awaitApplied(consumer, handler, publisher, TRANSACTIONS + 1);

        assertThat(handler.batches.subList(batchesBefore, handler.batches.size()))
            .as("the new transaction, applied alone as soon as it came")
            .containsExactly(handler.batches.get(handler.batches.size() - 1));
        assertThat(handler.batches.get(handler.batches.size() - 1).get(0).size()).isEqualTo(1);
      }
    }
  }

  private static void awaitApplied(
      TransactionConsumer consumer, Batches handler, Background publisher, int transactions) {
    Await.until(
        transactions + " transactions applied well before the 5 min flush interval",
        Duration.ofSeconds(30),
        () -> {
          publisher.check();
          consumer.poll();
          return handler.batches.stream().mapToInt(List::size).sum() == transactions;
        });
  }

  private static List<Integer> consume(NatsServer nats, String durable, BatchLimits limits) {
    Batches handler = new Batches();
    ConsumerConfig config = Pipes.consumer(nats.url(), durable).batch(limits).build();
    try (TransactionConsumer consumer = TransactionConsumer.connect(config, handler)) {
      Await.until(
          durable + ": every transaction applied",
          Duration.ofSeconds(30),
          () -> {
            consumer.poll();
            return handler.batches.stream().mapToInt(List::size).sum() == TRANSACTIONS;
          });
      for (List<Transaction> batch : handler.batches) {
        assertThat(batch).allMatch(tx -> tx.part() == 0 && tx.lastPart() && tx.size() == ROWS);
      }
      assertThat(consumer.stats().transactions()).isEqualTo(TRANSACTIONS);
    }
    return handler.sizes();
  }
}
