package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.TestServer;
import dev.pgpipe.testkit.nats.NatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Once JetStream's duplicate window has passed, a message published again is stored again: a chunk
 * whose acknowledgement was lost and whose retry came late sits twice in the stream, and a
 * publisher that restarts late sends again, from their first chunk, every transaction the slot had
 * not confirmed, after the first chunks of one it had not finished. The consumer applies each
 * transaction once and whole, and dead-letters nothing.
 */
class StoredTwiceTest {

  private static final Duration WINDOW = Duration.ofMillis(200);
  private static final int PART = MultiPartTransactionTest.PART_SIZE;

  @Test
  void aChunkStoredTwiceIsTakenOnce() throws Exception {
    run("twice", false);
  }

  @Test
  void transactionsSentAgainByALatePublisherRestartAreTakenOnce() throws Exception {
    run("restart", true);
  }

  private static void run(String name, boolean restart) throws Exception {
    TestDatabase db = Pipes.target(name + "_src");
    TestDatabase target = Pipes.target(name);
    MixedWorkload.createTables(db, target);
    MixedWorkload workload = new MixedWorkload(Long.getLong("pgpipe.seed", System.nanoTime()));
    CdcConfig.Builder cdc = Pipes.source(db, name, SnapshotMode.NEVER);
    cdc.tuning().maxEventsPerPart(PART);
    StreamSettings stream = StreamSettings.defaults().withDuplicateWindow(WINDOW);
    AtomicReference<ConsumerStats> stats = new AtomicReference<>();
    try (NatsServer nats = Pipes.nats();
        TableSink sink = TableSink.open(Pipes.sink(target, name, MixedWorkload.TABLES));
        Background consumer =
            Background.start(
                "consumer",
                stop ->
                    stats.set(
                        TransactionConsumer.run(
                            Pipes.consumer(nats.url(), name).stream(stream).build(),
                            new TableSinkHandler(sink),
                            stop::get)))) {
      PublisherConfig config =
          Pipes.publisher(nats.url()).stream(stream)
              .maxChunkBytes(MultiPartTransactionTest.CHUNK_BYTES)
              .build();
      publishFirst(cdc.build(), config, workload, db, restart);
      if (restart) {
        windowPassed();
      }
      try (Background second =
          Background.start(
              "publisher", stop -> TransactionPublisher.run(cdc.build(), config, stop::get))) {
        db.execute(workload.boundaries(4).toArray(String[]::new));
        db.execute(MixedWorkload.end());
        Await.until(
            "the last transaction in the target",
            Duration.ofSeconds(60),
            () -> {
              second.check();
              consumer.check();
              return MixedWorkload.ended(target);
            });
      }
      workload.assertSameRows(db, target);
      assertThat(sink.deadLetters()).isZero();
    } finally {
      TestServer.get().dropDatabase(db.name());
    }
    assertThat(stats.get().deadLetters()).as("dead letters").isZero();
    assertThat(stats.get().failures()).as("failures").isZero();
  }

  /**
   * Publishes two transactions of three parts and a third one of two from one publisher: with
   * {@code restart}, only the first and the first part of the second, acknowledging nothing (the
   * slot sends them again); else the first two whole, acknowledged, and a chunk of the second
   * stored twice in its middle and at its end.
   */
  private static void publishFirst(
      CdcConfig cdc,
      PublisherConfig config,
      MixedWorkload workload,
      TestDatabase db,
      boolean restart)
      throws Exception {
    try (ChangeStream changes = ChangeStream.open(cdc);
        TransactionPublisher first = TransactionPublisher.connect(config)) {
      db.execute(
          workload.transaction(PART * 5 / 2, false),
          workload.transaction(PART * 5 / 2 + 1, false),
          workload.transaction(PART + 1, false));
      for (int parts = 0; parts < (restart ? 4 : 6); parts++) {
        Transaction part = poll(changes);
        first.publish(part);
        if (!restart) {
          changes.acknowledge(part);
        }
        if (!restart && (parts == 3 || parts == 5)) {
          storeLastAgain(config.nats().servers().get(0));
        }
      }
    }
  }

  private static void windowPassed() {
    long late = System.nanoTime() + WINDOW.multipliedBy(2).toNanos();
    Await.until(
        "the duplicate window passed", WINDOW.multipliedBy(4), () -> System.nanoTime() > late);
  }

  private static Transaction poll(ChangeStream changes) {
    AtomicReference<@Nullable Transaction> polled = new AtomicReference<>();
    Await.until(
        "a part from the change stream",
        Duration.ofSeconds(30),
        () -> {
          polled.set(changes.poll(Duration.ofMillis(50)));
          return polled.get() != null;
        });
    return Objects.requireNonNull(polled.get());
  }

  /**
   * Stores the stream's last message again, headers and message id kept, once the duplicate window
   * passed: what a publish retried after a lost acknowledgement leaves when the retry comes late.
   */
  private static void storeLastAgain(String natsUrl) throws Exception {
    try (Connection c = Nats.connect(natsUrl)) {
      JetStreamManagement jsm = c.jetStreamManagement();
      long last = jsm.getStreamInfo(StreamSettings.DEFAULT_NAME).getStreamState().getLastSequence();
      MessageInfo message = jsm.getMessage(StreamSettings.DEFAULT_NAME, last);
      Headers headers = Objects.requireNonNull(message.getHeaders());
      String id = Objects.requireNonNull(headers.getFirst(ChunkHeader.MSG_ID));
      windowPassed();
      var ack =
          c.jetStream()
              .publish(
                  Objects.requireNonNull(message.getSubject()),
                  headers,
                  message.getData(),
                  io.nats.client.PublishOptions.builder().messageId(id).build());
      assertThat(ack.isDuplicate()).as("stored again: " + id).isFalse();
    }
  }
}
