package dev.pgpipe.sink.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.DrainLoop;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.Events;
import dev.pgpipe.sink.Pair;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@WithPostgres
class ChangeBufferTest {

  private static ChangeBuffer buffer(Database db, String schema) {
    ChangeBuffer buffer =
        new ChangeBuffer(
            db,
            BufferConfig.defaults()
                .withSchema(schema)
                .withBatchSize(100)
                .withFlushInterval(Duration.ofMillis(20)));
    buffer.migrate();
    buffer.migrate();
    return buffer;
  }

  private static void thread(Runnable task) {
    Thread.ofPlatform().daemon().start(task);
  }

  private static Transaction transaction(long lsn, int rows) {
    Events events = new Events("t", lsn);
    for (int i = 0; i < rows; i++) {
      events.insert(lsn * 10_000 + i, "v" + i, i);
    }
    return events.tx();
  }

  /** Part {@code part} (events {@code from} to {@code to}) of transaction {@code whole}. */
  private static Transaction part(Transaction whole, int part, int from, int to) {
    return new Transaction(
        whole.xid(),
        whole.beginLsn(),
        whole.commitLsn(),
        whole.endLsn(),
        whole.commitTime(),
        whole.events().subList(from, to),
        part,
        to == whole.size());
  }

  @Test
  void multiPartTransactionAfterAnotherIsBufferedWhole_andAReplayFromItsFirstPartAddsNothing(
      TestDatabase db) {
    try (Database pool = Database.open(db.url())) {
      ChangeBuffer buffer = buffer(pool, "buf_parts");
      assertThat(buffer.write("s", List.of(transaction(10, 2)))).isEqualTo(2);
      Transaction big = transaction(20, 25);
      List<Transaction> parts = List.of(part(big, 0, 0, 10), part(big, 1, 10, 20));
      assertThat(buffer.write("s", List.of(parts.get(0)))).isEqualTo(10);
      assertThat(buffer.write("s", List.of(parts.get(1)))).isEqualTo(10);
      assertThat(buffer.write("s", List.of(parts.get(0)))).as("replay of part 0").isZero();
      assertThat(buffer.write("s", List.of(parts.get(1)))).as("replay of part 1").isZero();
      assertThat(buffer.write("s", List.of(part(big, 2, 20, 25)))).isEqualTo(5);
      assertThat(buffer.status().backlog()).isEqualTo(27);
    }
  }

  @Test
  void writesWithCopyReadsBackExactlyAndSkipsReplays(TestDatabase db) {
    try (Database pool = Database.open(db.url())) {
      ChangeBuffer buffer = buffer(pool, "buf_exact");
      Transaction tx = transaction(10, 3);
      assertThat(buffer.write("s", List.of(tx))).isEqualTo(3);
      assertThat(buffer.write("s", List.of(tx))).as("replay").isZero();
      List<BufferedEvent> claimed = pool.inTransaction(t -> buffer.claim("s", 10));
      EnvelopeCodec codec = new EnvelopeCodec();
      assertThat(claimed).hasSize(3);
      for (int i = 0; i < 3; i++) {
        assertThat(codec.encode(claimed.get(i).event()))
            .isEqualTo(codec.encode(tx.events().get(i)));
      }
      assertThat(claimed.get(2).lastOfTransaction()).isTrue();
      assertThat(claimed.get(0).lastOfTransaction()).isFalse();
      assertThat(buffer.status().backlog()).isEqualTo(3);
    }
  }

  @Test
  void severalWorkersShareOneSourceAndNoEventIsProcessedTwice(TestDatabase db) throws Exception {
    try (Database pool = Database.builder().url(db.url()).maxSize(8).open()) {
      ChangeBuffer buffer = buffer(pool, "buf_workers");
      List<Transaction> batch = new ArrayList<>();
      for (int i = 1; i <= 50; i++) {
        batch.add(transaction(i, 100));
      }
      buffer.write("s", batch);
      Set<Long> seen = ConcurrentHashMap.newKeySet();
      AtomicInteger duplicates = new AtomicInteger();
      Map<String, AtomicInteger> perWorker = new ConcurrentHashMap<>();
      List<BufferProcessor> workers = new ArrayList<>();
      List<CompletableFuture<Void>> running = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String name = "w" + w;
        BufferProcessor worker =
            new BufferProcessor(
                buffer,
                "s",
                events -> {
                  events.forEach(e -> duplicates.addAndGet(seen.add(e.id()) ? 0 : 1));
                  perWorker.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                },
                false);
        workers.add(worker);
        running.add(CompletableFuture.runAsync(worker::run, ChangeBufferTest::thread));
      }
      Await.until("drained", Duration.ofSeconds(60), () -> buffer.status().backlog() == 0);
      workers.forEach(BufferProcessor::close);
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get();
      assertThat(seen).hasSize(5000);
      assertThat(duplicates.get()).isZero();
      assertThat(perWorker.size()).as("workers that got batches").isGreaterThan(1);
    }
  }

  @Test
  void batchTheTableSinkCannotApplyStaysInTheBufferPastMaxAttempts(TestDatabase db) {
    try (Database pool = Database.open(db.url())) {
      ChangeBuffer buffer = buffer(pool, "buf_paused");
      buffer.write("s", List.of(transaction(1, 5)));
      TableSink unreachable =
          TableSink.open(Pair.sink(db, "paused", List.of("t")).reconnectFor(Duration.ZERO).build());
      unreachable.close();
      BufferProcessor worker = new BufferProcessor(buffer, "s", new SinkHandler(unreachable), true);
      for (int i = 0; i <= buffer.config().maxAttempts() * 2; i++) {
        assertThat(worker.processOnce()).isZero();
      }
      BufferStatus status = buffer.status();
      assertThat(status.deadLetters())
          .as("an unreachable target is no reason to drop rows")
          .isZero();
      assertThat(status.backlog()).isEqualTo(5);
    }
  }

  @Test
  void failingBatchesAreRetriedThenDeadLetteredAndCleanedUp(TestDatabase db) {
    try (Database pool = Database.open(db.url())) {
      ChangeBuffer buffer = buffer(pool, "buf_dead");
      buffer.write("s", List.of(transaction(1, 5)));
      AtomicInteger calls = new AtomicInteger();
      BufferProcessor worker =
          new BufferProcessor(
              buffer,
              "s",
              events -> {
                calls.incrementAndGet();
                throw new IllegalStateException("target refused");
              },
              true);
      for (int i = 0; i <= buffer.config().maxAttempts(); i++) {
        worker.processOnce();
      }
      BufferStatus status = buffer.status();
      assertThat(calls.get()).isEqualTo(buffer.config().maxAttempts());
      assertThat(status.backlog()).isZero();
      assertThat(status.deadLetters()).isEqualTo(5);
      String error =
          pool.sql("SELECT error FROM buf_dead.cdc_dead_letters LIMIT 1").scalar(String.class);
      assertThat(error).contains("target refused");
      ChangeBuffer noRetention =
          new ChangeBuffer(
              pool,
              new BufferConfig(
                  true, "buf_dead", 10, Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO, 1));
      assertThat(noRetention.cleanup()).isEqualTo(5);
    }
  }

  @Test
  void changeStreamThroughTheBufferIntoTheTableSink(TestDatabase source) throws Exception {
    TestDatabase target = Pair.target("buf");
    for (TestDatabase db : List.of(source, target)) {
      db.execute("CREATE TABLE items (id int PRIMARY KEY, v text, n numeric)");
    }
    source.execute("INSERT INTO items SELECT g, 'v' || g, g / 3.0 FROM generate_series(1, 3000) g");
    CdcConfig cdc = Pair.source(source, "buf_feed", List.of("items")).build();
    try (Database pool = Database.open(source.url());
        TableSink sink = TableSink.open(Pair.sink(target, "buf_feed", List.of("items")).build());
        ChangeStream stream = ChangeStream.open(cdc)) {
      ChangeBuffer buffer = buffer(pool, "buf_e2e");
      DrainLoop feeder = new BufferFeeder(buffer, "buf_feed").loop(stream).build();
      BufferProcessor processor =
          new BufferProcessor(buffer, "buf_feed", new SinkHandler(sink), true);
      CompletableFuture<Void> feeding =
          CompletableFuture.runAsync(feeder::run, ChangeBufferTest::thread);
      CompletableFuture<Void> processing =
          CompletableFuture.runAsync(processor::run, ChangeBufferTest::thread);
      source.execute(
          "BEGIN; UPDATE items SET v = 'upd' WHERE id % 7 = 0; DELETE FROM items WHERE id < 100;"
              + " COMMIT",
          "INSERT INTO items VALUES (5000, 'late', 1)");
      Await.until(
          "target equals source",
          Duration.ofSeconds(60),
          () -> Pair.checksum(source, "items").equals(Pair.checksum(target, "items")));
      feeder.stop();
      processor.close();
      feeding.get();
      processing.get();
      assertThat(buffer.status().backlog()).isZero();
      assertThat(sink.deadLetters()).isZero();
    }
    source.execute("SELECT pg_drop_replication_slot('buf_feed')");
  }
}
