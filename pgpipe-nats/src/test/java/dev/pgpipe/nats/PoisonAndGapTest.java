package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.nats.NatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A poison message goes to the dead-letter subject; the consumer stops under {@code on-poison stop}
 * (leaving it unacknowledged) and goes on under {@code dead-letter}. A message the stream lost
 * before the consumer took it stops the consumer with the missing sequences.
 */
class PoisonAndGapTest {

  @Test
  void poisonMessage_stopLeavesItUnacknowledged_deadLetterGoesOn() throws Exception {
    try (NatsServer nats = Pipes.nats();
        Connection c = Nats.connect(nats.url())) {
      ConsumerConfig stop =
          Pipes.consumer(nats.url(), "poison").onPoison(PoisonPolicy.STOP).build();
      try (TransactionConsumer consumer = TransactionConsumer.connect(stop, new Refusing())) {
        publishGarbage(c);
        assertThatThrownBy(() -> pollUntilFailure(consumer))
            .isInstanceOf(NatsTransportException.class)
            .hasMessageContaining("message 1 on pgpipe.src._tx of stream PGPIPE cannot be applied")
            .hasMessageContaining("not a pgpipe change envelope")
            .hasMessageContaining("--on-poison dead-letter");
      }
      JetStreamManagement jsm = c.jetStreamManagement();
      assertThat(Pipes.messages(nats.url(), "PGPIPE_DEAD")).isEqualTo(1);
      assertThat(jsm.getConsumerInfo("PGPIPE", "poison").getAckFloor().getStreamSequence())
          .isZero();
      ConsumerConfig goOn =
          Pipes.consumer(nats.url(), "poison").onPoison(PoisonPolicy.DEAD_LETTER).build();
      try (TransactionConsumer consumer = TransactionConsumer.connect(goOn, new Refusing())) {
        Await.until(
            "the poison message dead-lettered",
            Duration.ofSeconds(30),
            () -> {
              consumer.poll();
              return consumer.stats().deadLetters() > 0;
            });
        assertThat(consumer.stats().deadLetters()).isEqualTo(1);
      }
      assertThat(jsm.getConsumerInfo("PGPIPE", "poison").getAckFloor().getStreamSequence())
          .isEqualTo(1);
    }
  }

  @Test
  void messageRemovedFromTheStream_isReportedNotSkipped() throws Exception {
    try (NatsServer nats = Pipes.nats();
        Connection c = Nats.connect(nats.url())) {
      ConsumerConfig config = Pipes.consumer(nats.url(), "gap").build();
      StreamSetup.ensure(c.jetStreamManagement(), config.stream(), Pipes.UNANSWERED);
      for (int i = 0; i < 3; i++) {
        c.jetStream().publish("pgpipe.src._tx", ("m" + i).getBytes(StandardCharsets.UTF_8));
      }
      c.jetStreamManagement().deleteMessage("PGPIPE", 2);
      try (TransactionConsumer consumer = TransactionConsumer.connect(config, new Refusing())) {
        assertThatThrownBy(() -> pollUntilFailure(consumer))
            .isInstanceOf(NatsTransportException.class)
            .hasMessageContaining("stream PGPIPE no longer holds sequences 2..2")
            .hasMessageContaining("which consumer gap had not taken");
      }
    }
  }

  @Test
  void aConsumerOfOneTableNoticesAMessageRemovedOnItsSubject_notThoseOfOthers() throws Exception {
    try (NatsServer nats = Pipes.nats();
        Connection c = Nats.connect(nats.url())) {
      ConsumerConfig config =
          Pipes.consumer(nats.url(), "table_gap")
              .filterSubject("pgpipe.src.public.t")
              .onPoison(PoisonPolicy.DEAD_LETTER)
              .build();
      JetStreamManagement jsm = c.jetStreamManagement();
      StreamSetup.ensure(jsm, config.stream(), Pipes.UNANSWERED);
      PublishWindow window = OrderedPublisherTest.window(c, new PublishWindow.Limits(4, 1 << 20));
      List<String> subjects =
          List.of(
              "pgpipe.src.public.t",
              "pgpipe.src._tx",
              "pgpipe.src.public.t",
              "pgpipe.src.public.t");
      for (int i = 0; i < subjects.size(); i++) {
        window.send(
            subjects.get(i), new Headers(), "m" + i, "not json".getBytes(StandardCharsets.UTF_8));
      }
      window.drain();
      jsm.deleteMessage("PGPIPE", 2); // another subject's: skipped by design
      jsm.deleteMessage("PGPIPE", 3); // the table's: lost
      try (TransactionConsumer consumer = TransactionConsumer.connect(config, new Refusing())) {
        assertThatThrownBy(() -> pollUntilFailure(consumer))
            .isInstanceOf(NatsTransportException.class)
            .hasMessageContaining(
                "stream PGPIPE no longer holds sequence 3, the message before sequence 4 on"
                    + " subject pgpipe.src.public.t")
            .hasMessageContaining("which consumer table_gap had not taken");
        assertThat(consumer.stats().deadLetters()).as("sequence 1 came first").isEqualTo(1);
      }
    }
  }

  private static void publishGarbage(Connection c) throws Exception {
    ChunkHeader header = new ChunkHeader(Pipes.SOURCE, "0/16", 7, 0, true, 1);
    Headers headers = header.toHeaders();
    c.jetStream()
        .publish(
            "pgpipe.src._tx",
            headers,
            "not json".getBytes(StandardCharsets.UTF_8),
            PublishOptions.builder().messageId(header.messageId("c")).build());
  }

  private static void pollUntilFailure(TransactionConsumer consumer) {
    for (int i = 0; i < 50; i++) {
      consumer.poll();
    }
  }

  /** A handler that is never reached: the messages fail before. */
  private static final class Refusing implements TransactionHandler {
    @Override
    public void accept(String source, dev.pgpipe.cdc.Transaction part) {
      throw new AssertionError("nothing should be applied: " + part);
    }

    @Override
    public void abort() {}
  }
}
