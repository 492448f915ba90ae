package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.nats.NatsServer;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The publisher, in a child JVM, is killed with kill -9 while it publishes a backlog of
 * transactions in several reader parts and chunks, and started again while more come: the slot
 * replays what was not confirmed, JetStream drops what it already stored (same message ids), and
 * the target ends equal to the source, row by row, with every chunk of every transaction in the
 * stream exactly once.
 */
@WithPostgres
class PublisherCrashTest {

  private static final int PART = SmallParts.PART_SIZE;

  @Test
  void killedPublisherRestartsWithoutLossOrDuplicate(TestDatabase source) throws Exception {
    TestDatabase target = Pipes.target("pubcrash");
    MixedWorkload.createTables(source, target);
    MixedWorkload workload = MixedWorkload.seeded();
    List<String> backlog = new ArrayList<>(workload.boundaries(PART));
    // a transaction of 300 parts ends the backlog: the stream passes 200 messages inside it, so
    // the kill lands mid-transaction however fast the publisher gets through the small ones
    backlog.add(workload.inserts(PART * 300));
    List<String> live = workload.boundaries(PART);
    File log = new File("target/publisher-child.log");
    try (NatsServer nats = Pipes.nats();
        TableSink sink = TableSink.open(Pipes.sink(target, "pubcrash", MixedWorkload.TABLES));
        Background consumer =
            Background.start(
                "consumer",
                stop ->
                    TransactionConsumer.run(
                        Pipes.consumer(nats.url(), "pubcrash").build(),
                        new TransactionSinkHandler(sink, false),
                        stop::get))) {
      try (ChangeStream slot =
          ChangeStream.open(SmallParts.source(source, "pubcrash", SnapshotMode.NEVER).build())) {
        backlog.forEach(source::execute); // the publisher starts behind, so it is killed busy
      }
      Process first = publisher(log, source, nats);
      try {
        Await.until(
            "200 messages in the stream, the last one in the middle of a transaction",
            Duration.ofSeconds(60),
            () ->
                Pipes.messages(nats.url(), "PGPIPE") >= 200
                    && !StoredChunks.lastCompletes(nats.url()));
      } finally {
        first.destroyForcibly();
      }
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      long atKill = Pipes.messages(nats.url(), "PGPIPE");
      boolean inTransaction = !StoredChunks.lastCompletes(nats.url());
      Process second = publisher(log, source, nats);
      CompletableFuture<Void> running = MixedWorkload.runAsync(source, live);
      try {
        running.get(60, TimeUnit.SECONDS);
        SmallParts.awaitEnd(target, consumer);
      } finally {
        second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      System.out.printf(
          "publisher killed with %d messages stored%s%n",
          atKill, inTransaction ? ", in the middle of a transaction" : "");
      workload.assertSameRows(source, target);
      StoredChunks.assertEachOnceInOrder(StoredChunks.read(nats.url()));
      assertThat(sink.deadLetters()).isZero();
    }
  }

  private static Process publisher(File log, TestDatabase source, NatsServer nats)
      throws Exception {
    return Pipes.child(
        PublisherChild.class,
        log,
        source.url(),
        "pubcrash",
        nats.url(),
        Integer.toString(PART),
        Integer.toString(SmallParts.CHUNK_BYTES));
  }
}
