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
 * not confirmed, after the first chunks of one it had not finished. A publisher restarted within
 * the window but with larger reader parts cuts those transactions otherwise, so under other message
 * ids: JetStream must not drop its chunks for the old ones. The consumer applies each transaction
 * once and whole, and dead-letters nothing.
 */
class StoredTwiceTest {

  private static final Duration WINDOW = Duration.ofMillis(200);
  private static final int PART = SmallParts.PART_SIZE;

  /** How the first publisher stops and the second one starts. */
  private enum Restart {
    /** None: the first publisher stores chunks twice and acknowledges everything. */
    NONE,
    /** After the duplicate window, with the same settings. */
    LATE,
    /** Within the duplicate window, with reader parts three times as large. */
    LARGER_PARTS
  }

  @Test
  void aChunkStoredTwiceIsTakenOnce() throws Exception {
    run("twice", Restart.NONE);
  }

  @Test
  void transactionsSentAgainByALatePublisherRestartAreTakenOnce() throws Exception {
    run("restart", Restart.LATE);
  }

  @Test
  void aPublisherRestartedWithLargerPartsSendsTheCutOffTransactionWholeAgain() throws Exception {
    run("recut", Restart.LARGER_PARTS);
  }

  private static void run(String name, Restart restart) throws Exception {
    TestDatabase db = Pipes.target(name + "_src");
    TestDatabase target = Pipes.target(name);
    MixedWorkload.createTables(db, target);
    MixedWorkload workload = MixedWorkload.seeded();
    CdcConfig.Builder cdc = SmallParts.source(db, name, SnapshotMode.NEVER);
    StreamSettings stream =
        restart == Restart.LARGER_PARTS
            ? StreamSettings.defaults()
            : StreamSettings.defaults().withDuplicateWindow(WINDOW);
    AtomicReference<ConsumerStats> stats = new AtomicReference<>();
    try (NatsServer nats = Pipes.nats();
        TableSink sink = TableSink.open(Pipes.sink(target, name, MixedWorkload.TABLES));
        Background consumer =
            SmallParts.consuming(
                Pipes.consumer(nats.url(), name).stream(stream).build(),
                new TransactionSinkHandler(sink, false),
                stats)) {
      PublisherConfig config = SmallParts.publisher(nats.url()).stream(stream).build();
      publishFirst(cdc.build(), config, workload, db, restart);
      if (restart == Restart.LATE) {
        windowPassed();
      }
      cdc.tuning().maxEventsPerPart(restart == Restart.LARGER_PARTS ? 3 * PART : PART);
      try (Background second =
          Background.start(
              "publisher", stop -> TransactionPublisher.run(cdc.build(), config, stop::get))) {
        db.execute(workload.boundaries(4).toArray(String[]::new));
        db.execute(MixedWorkload.end());
        SmallParts.awaitEnd(target, second, consumer);
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
   * Publishes two transactions of three parts and a third one of two from one publisher: before a
   * restart, only the first and the first part of the second, acknowledging nothing (the slot sends
   * them again); else the first two whole, acknowledged, and a chunk of the second stored twice in
   * its middle and at its end.
   */
  private static void publishFirst(
      CdcConfig cdc, PublisherConfig config, MixedWorkload workload, TestDatabase db, Restart next)
      throws Exception {
    boolean restart = next != Restart.NONE;
    try (ChangeStream changes = ChangeStream.open(cdc);
        TransactionPublisher first = TransactionPublisher.connect(config)) {
      db.execute(
          workload.inserts(PART * 5 / 2),
          workload.inserts(PART * 5 / 2 + 1),
          workload.inserts(PART + 1));
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
      // a late retry of today's publisher carries its expected last sequence and is refused; an
      // older publisher's (or another tool's) copy carries none: that is the copy stored here
      headers.remove(PublishWindow.EXPECTED_LAST_SEQUENCE, PublishWindow.EXPECTED_STREAM);
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
