package dev.pgpipe.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the durable pull consumer when missing; reports an existing one that differs. */
final class ConsumerSetup {

  private static final Logger log = LoggerFactory.getLogger(ConsumerSetup.class);

  /** JetStream's API error code for "consumer not found". */
  static final int CONSUMER_NOT_FOUND = 10014;

  private ConsumerSetup() {}

  static void ensure(JetStreamManagement jsm, ConsumerConfig config)
      throws IOException, JetStreamApiException {
    String stream = config.stream().name();
    ConsumerConfiguration existing;
    try {
      existing = jsm.getConsumerInfo(stream, config.durable()).getConsumerConfiguration();
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != CONSUMER_NOT_FOUND) {
        throw e;
      }
      log.info(
          "creating durable consumer {} on {} for {}",
          config.durable(),
          stream,
          config.filterSubject());
      jsm.addOrUpdateConsumer(stream, configuration(config));
      return;
    }
    if (!Objects.equals(existing.getFilterSubject(), config.filterSubject())
        || existing.getAckPolicy() != AckPolicy.All) {
      throw new NatsTransportException(
          "durable consumer "
              + config.durable()
              + " on stream "
              + stream
              + " exists with filter "
              + existing.getFilterSubject()
              + " and ack policy "
              + existing.getAckPolicy()
              + " (configured "
              + config.filterSubject()
              + ", all): use another consumer name, or delete it (nats consumer rm "
              + stream
              + " "
              + config.durable()
              + ")");
    }
  }

  static ConsumerConfiguration configuration(ConsumerConfig config) {
    return ConsumerConfiguration.builder()
        .durable(config.durable())
        .filterSubject(config.filterSubject())
        .deliverPolicy(DeliverPolicy.All)
        .ackPolicy(AckPolicy.All)
        .ackWait(config.ackWait())
        .maxDeliver(-1)
        .maxAckPending(config.maxAckPending())
        .build();
  }
}
