package dev.pgpipe.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
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

  /** Makes sure the durable consumer exists, asking again while JetStream does not answer. */
  static void ensure(JetStreamManagement jsm, ConsumerConfig config, Unanswered unanswered)
      throws IOException, JetStreamApiException {
    unanswered.retry(
        "durable consumer " + config.durable(),
        () -> {
          ensureOnce(jsm, config);
          return Boolean.TRUE;
        });
  }

  private static void ensureOnce(JetStreamManagement jsm, ConsumerConfig config)
      throws IOException, JetStreamApiException {
    String stream = config.stream().name();
    ConsumerInfo info;
    try {
      info = jsm.getConsumerInfo(stream, config.durable());
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != CONSUMER_NOT_FOUND) {
        throw e;
      }
      log.info("creating durable consumer {} for {}", config.durable(), config.filterSubject());
      jsm.addOrUpdateConsumer(stream, configuration(config, 0));
      return;
    }
    ConsumerConfiguration existing = info.getConsumerConfiguration();
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
    if (info.getNumAckPending() > 0) {
      resumeInOrder(jsm, config, info);
    }
  }

  /**
   * Restarts the consumer at its ack floor when messages are delivered but unacknowledged; returns
   * whether it did.
   */
  static boolean restartAtAckFloor(JetStreamManagement jsm, ConsumerConfig config)
      throws IOException, JetStreamApiException {
    ConsumerInfo info = jsm.getConsumerInfo(config.stream().name(), config.durable());
    if (info.getNumAckPending() == 0) {
      return false;
    }
    resumeInOrder(jsm, config, info);
    return true;
  }

  /**
   * A previous instance died with messages delivered but not acknowledged: JetStream would
   * redeliver them only after the ack wait, behind newer ones, and an ack-all of a newer one would
   * release them unapplied. Recreating the consumer at the ack floor restores stream order. A
   * consumer created at a start sequence reports an ack floor of 0 until its first ack: it resumes
   * at that start again, not at the beginning of the stream (whose snapshot rows, upserts without a
   * position, would overwrite newer rows).
   */
  private static void resumeInOrder(
      JetStreamManagement jsm, ConsumerConfig config, ConsumerInfo info)
      throws IOException, JetStreamApiException {
    long start =
        Math.max(
            info.getAckFloor().getStreamSequence() + 1,
            info.getConsumerConfiguration().getStartSequence());
    log.info(
        "consumer {} has {} unacknowledged messages (an earlier run, a lost connection or a"
            + " failure): resuming in order at stream sequence {}",
        config.durable(),
        info.getNumAckPending(),
        start);
    jsm.deleteConsumer(config.stream().name(), config.durable());
    jsm.addOrUpdateConsumer(config.stream().name(), configuration(config, start));
  }

  static ConsumerConfiguration configuration(ConsumerConfig config, long startSeq) {
    ConsumerConfiguration.Builder b = ConsumerConfiguration.builder();
    if (startSeq > 1) {
      b.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(startSeq);
    } else {
      b.deliverPolicy(DeliverPolicy.All);
    }
    return b.durable(config.durable())
        .filterSubject(config.filterSubject())
        .ackPolicy(AckPolicy.All)
        .ackWait(config.ackWait())
        .maxDeliver(-1)
        .maxAckPending(config.maxAckPending())
        .build();
  }
}
