package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.client.Backoff;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.nats.NatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The pipelined publisher: a window bounded by count and bytes, strict order by the expected last
 * sequence, nothing sent again that the stream holds (even after the duplicate window), and one
 * publisher per stream.
 */
@WithPostgres
class OrderedPublisherTest {

  private static final Duration WINDOW = Duration.ofMillis(200);

  @Test
  void windowOfTwo_neverHoldsMoreThanTwo_andStoresInOrder() throws Exception {
    try (NatsServer nats = Pipes.nats();
        Connection c = Nats.connect(nats.url())) {
      JetStreamManagement jsm = c.jetStreamManagement();
      StreamSetup.ensure(jsm, StreamSettings.defaults(), Pipes.UNANSWERED);
      PublishWindow window = window(c, new PublishWindow.Limits(2, 1 << 20));
      List<Integer> inFlight = new ArrayList<>();
      for (int i = 1; i <= 4; i++) { // the first alone, then size - 1, size, size + 1
        window.send("pgpipe.src._tx", new Headers(), "id-" + i, bytes(10));
        inFlight.add(window.inFlight());
      }
      assertThat(inFlight).containsExactly(0, 1, 2, 2);
      window.drain();
      assertThat(window.inFlight()).isZero();
      assertThat(window.settled()).isEqualTo(4);
      for (long seq = 1; seq <= 4; seq++) {
        Headers headers =
            java.util.Objects.requireNonNull(jsm.getMessage("PGPIPE", seq).getHeaders());
        assertThat(headers.getFirst(ChunkHeader.MSG_ID)).isEqualTo("id-" + seq);
      }
    }
  }

  @Test
  void eachMessageNamesThePreviousOneOnItsSubject_alsoAfterARestart() throws Exception {
    try (NatsServer nats = Pipes.nats();
        Connection c = Nats.connect(nats.url())) {
      JetStreamManagement jsm = c.jetStreamManagement();
      StreamSetup.ensure(jsm, StreamSettings.defaults(), Pipes.UNANSWERED);
      PublishWindow first = window(c, new PublishWindow.Limits(2, 1 << 20));
      first.send("pgpipe.src.public.a", new Headers(), "1", bytes(1));
      first.send("pgpipe.src._tx", new Headers(), "2", bytes(1));
      first.send("pgpipe.src.public.a", new Headers(), "3", bytes(1));
      first.drain();
      PublishWindow restarted = window(c, new PublishWindow.Limits(2, 1 << 20));
      restarted.send("pgpipe.src.public.a", new Headers(), "4", bytes(1));
      restarted.send("pgpipe.src._tx", new Headers(), "5", bytes(1));
      restarted.drain();

      List<Long> previous = new ArrayList<>();
      for (long seq = 1; seq <= 5; seq++) {
        previous.add(SubjectChain.previous(jsm.getMessage("PGPIPE", seq).getHeaders()));
      }
      assertThat(previous).containsExactly(0L, 0L, 1L, 3L, 2L);
    }
  }

  @Test
  void byteLimit_aMessageThatDoesNotFitWaitsForTheOnesBefore() throws Exception {
    try (NatsServer nats = Pipes.nats();
        Connection c = Nats.connect(nats.url())) {
      StreamSetup.ensure(c.jetStreamManagement(), StreamSettings.defaults(), Pipes.UNANSWERED);
      PublishWindow window = window(c, new PublishWindow.Limits(100, 100));
      window.send("pgpipe.src._tx", new Headers(), "first", bytes(1)); // goes alone
      window.send("pgpipe.src._tx", new Headers(), "a", bytes(50));
      window.send("pgpipe.src._tx", new Headers(), "b", bytes(50)); // exactly the limit
      assertThat(window.inFlight()).isEqualTo(2);
      window.send("pgpipe.src._tx", new Headers(), "c", bytes(1)); // one byte over
      assertThat(window.inFlight()).isLessThan(3);
      window.send("pgpipe.src._tx", new Headers(), "d", bytes(500)); // larger than the window
      assertThat(window.inFlight()).isEqualTo(1);
      window.drain();
      assertThat(window.messages()).isEqualTo(5);
    }
  }

  @Test
  void aForeignWriteToTheStream_failsWithAClearMessage() throws Exception {
    try (NatsServer nats = Pipes.nats();
        Connection c = Nats.connect(nats.url())) {
      StreamSetup.ensure(c.jetStreamManagement(), StreamSettings.defaults(), Pipes.UNANSWERED);
      PublishWindow window = window(c, new PublishWindow.Limits(4, 1 << 20));
      window.send("pgpipe.src._tx", new Headers(), "mine-1", bytes(5));
      window.drain();
      c.jetStream().publish("pgpipe.other._tx", bytes(5));
      assertThatThrownBy(() -> window.send("pgpipe.src._tx", new Headers(), "mine-2", bytes(5)))
          .isInstanceOf(NatsTransportException.class)
          .hasMessageContaining("ends at sequence 2 but this publisher's last message is at 1")
          .hasMessageContaining("another publisher writes to it");
    }
  }

  @Test
  void aSecondPublisherOnTheStreamIsRefused(TestDatabase source) {
    try (NatsServer nats = Pipes.nats();
        TransactionPublisher first =
            TransactionPublisher.connect(Pipes.publisher(nats.url()).build())) {
      assertThatThrownBy(() -> TransactionPublisher.connect(Pipes.publisher(nats.url()).build()))
          .isInstanceOf(NatsTransportException.class)
          .hasMessageContaining("another pgpipe publisher writes to JetStream stream PGPIPE")
          .hasMessageContaining("source src");
      assertThat(first.stats().messages()).isZero();
    }
  }

  /**
   * A publisher stored five transactions but the slot confirmed none; the next one starts after the
   * duplicate window has passed, gets all five again from the slot and sends none of them.
   */
  @Test
  void restartAfterTheDuplicateWindow_sendsNothingTheStreamHolds(TestDatabase source)
      throws Exception {
    source.execute("CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL)");
    StreamSettings stream = StreamSettings.defaults().withDuplicateWindow(WINDOW);
    try (NatsServer nats = Pipes.nats()) {
      PublisherConfig config = Pipes.publisher(nats.url()).stream(stream).build();
      var cdc = Pipes.source(source, "norepublish", SnapshotMode.NEVER).build();
      try (ChangeStream changes = ChangeStream.open(cdc);
          TransactionPublisher first = TransactionPublisher.connect(config)) {
        for (int i = 1; i <= 5; i++) {
          source.execute("INSERT INTO t VALUES (" + i + ", 'v')");
        }
        for (int i = 0; i < 5; i++) {
          first.publish(poll(changes)); // never acknowledged: the slot sends them again
        }
      }
      long late = System.nanoTime() + WINDOW.multipliedBy(3).toNanos();
      Await.until(
          "the duplicate window passed", Duration.ofSeconds(5), () -> System.nanoTime() > late);
      source.execute("INSERT INTO t VALUES (6, 'new')");
      try (ChangeStream changes = ChangeStream.open(cdc);
          TransactionPublisher second = TransactionPublisher.connect(config)) {
        for (int i = 0; i < 6; i++) {
          Transaction part = poll(changes);
          second.publish(part);
          changes.acknowledge(part);
        }
        assertThat(second.stats().alreadyStored()).isEqualTo(5);
        assertThat(second.stats().messages()).isEqualTo(1);
      }
      assertThat(Pipes.messages(nats.url(), "PGPIPE")).isEqualTo(6);
    }
  }

  static PublishWindow window(Connection c, PublishWindow.Limits limits) throws Exception {
    return new PublishWindow(
        "PGPIPE",
        c,
        c.jetStream(),
        new WindowRecovery(c.jetStreamManagement(), "PGPIPE"),
        limits,
        Duration.ofSeconds(5),
        new DurablePublish.Time(
            Backoff.exponential(Duration.ofMillis(10), Duration.ofMillis(50)).withMaxAttempts(5),
            dev.pgpipe.client.Ticker.SYSTEM,
            dev.pgpipe.client.Sleeper.SYSTEM),
        c.jetStreamManagement().getStreamInfo("PGPIPE").getStreamState().getLastSequence());
  }

  private static byte[] bytes(int n) {
    return "x".repeat(n).getBytes(StandardCharsets.UTF_8);
  }

  private static Transaction poll(ChangeStream changes) {
    AtomicReference<@Nullable Transaction> polled = new AtomicReference<>();
    Await.until(
        "a transaction from the change stream",
        Duration.ofSeconds(30),
        () -> {
          polled.set(changes.poll(Duration.ofMillis(50)));
          return polled.get() != null;
        });
    return java.util.Objects.requireNonNull(polled.get());
  }
}
