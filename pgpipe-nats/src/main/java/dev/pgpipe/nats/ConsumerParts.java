package dev.pgpipe.nats;

import dev.pgpipe.client.Sleeper;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import java.io.IOException;

/**
 * The pieces a {@link TransactionConsumer} works with, made once it is connected: the streams and
 * the durable consumer created or checked, the pull feed, the gap check and the dead letters.
 */
record ConsumerParts(
    JetStreamManagement jsm, PullFeed feed, GapCheck gaps, PoisonMessages poisons) {

  /** {@code waits} is the sleeper between publish attempts of a dead letter. */
  static ConsumerParts open(
      Connection connection, ConsumerConfig config, Sequencer sequencer, Sleeper waits)
      throws IOException, JetStreamApiException {
    JetStreamManagement jsm = connection.jetStreamManagement();
    Unanswered unanswered = new Unanswered(config.ticker(), config.sleeper());
    StreamSetup.ensure(jsm, config.stream(), unanswered);
    StreamSetup.ensure(jsm, config.deadLetterStream(), unanswered);
    ConsumerSetup.ensure(jsm, config, unanswered);
    JetStream js = connection.jetStream();
    DurablePublish publish =
        new DurablePublish(
            config.deadLetterStream().name(),
            connection,
            js,
            new DurablePublish.Time(config.retry(), config.ticker(), waits));
    DeadLetters letters =
        new DeadLetters(
            config.stream().name(), config.deadLetterSubject(), config.durable(), jsm, publish);
    return new ConsumerParts(
        jsm,
        new PullFeed(js, config, Math.max(16L << 20, 2 * connection.getMaxPayload())),
        new GapCheck(jsm, config),
        new PoisonMessages(config, letters, sequencer));
  }
}
