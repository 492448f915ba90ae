package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.nats.NatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A durable consumer restarted at its ack floor resumes at the first unacknowledged message, also
 * when it is restarted again before it acknowledged anything (a new consumer reports an ack floor
 * of 0 until its first ack): never at the start of the stream, whose old snapshot rows would
 * overwrite newer ones.
 */
class ConsumerRestartTest {

  @Test
  void aRestartBeforeTheFirstAckResumesWhereThePreviousOneDid() throws Exception {
    try (NatsServer nats = Pipes.nats();
        Connection c = Nats.connect(nats.url())) {
      ConsumerConfig config = Pipes.consumer(nats.url(), "restart").build();
      JetStreamManagement jsm = c.jetStreamManagement();
      StreamSetup.ensure(jsm, config.stream(), Pipes.UNANSWERED);
      ConsumerSetup.ensure(jsm, config, Pipes.UNANSWERED);
      JetStream js = c.jetStream();
      for (int i = 1; i <= 10; i++) {
        js.publish("pgpipe.src._tx", ("m" + i).getBytes(StandardCharsets.UTF_8));
      }
      List<Message> first = fetch(js, config, 4);
      assertThat(seqs(first)).containsExactly(1L, 2L, 3L, 4L);
      first.get(1).ackSync(Duration.ofSeconds(5));
      assertThat(ConsumerSetup.restartAtAckFloor(jsm, config)).isTrue();
      assertThat(seqs(fetch(js, config, 2))).containsExactly(3L, 4L);
      assertThat(ConsumerSetup.restartAtAckFloor(jsm, config)).isTrue();
      assertThat(seqs(fetch(js, config, 2))).as("restarted again, nothing acked").startsWith(3L);
    }
  }

  private static List<Message> fetch(JetStream js, ConsumerConfig config, int count)
      throws Exception {
    JetStreamSubscription sub =
        js.subscribe(
            config.filterSubject(),
            PullSubscribeOptions.bind(config.stream().name(), config.durable()));
    try {
      return sub.fetch(count, Duration.ofSeconds(2));
    } finally {
      sub.unsubscribe();
    }
  }

  private static List<Long> seqs(List<Message> messages) {
    return messages.stream().map(m -> m.metaData().streamSequence()).toList();
  }
}
