package dev.pgpipe.nats;

import io.nats.client.Message;
import org.jspecify.annotations.Nullable;

/**
 * Sends what a consumer cannot apply to the dead-letter subject ({@link DeadLetters}) and then
 * acknowledges it, or, under {@link PoisonPolicy#STOP}, leaves it unacknowledged and stops the
 * consumer with an error naming it. Not thread-safe.
 */
final class PoisonMessages {

  private final ConsumerConfig config;
  private final DeadLetters letters;
  private final Sequencer sequencer;

  PoisonMessages(ConsumerConfig config, DeadLetters letters, Sequencer sequencer) {
    this.config = config;
    this.letters = letters;
    this.sequencer = sequencer;
  }

  /**
   * A poison message (with the earlier chunks of its transaction): dead-lettered, then
   * acknowledged.
   *
   * @throws NatsTransportException under {@link PoisonPolicy#STOP}, after dead-lettering it
   */
  void poison(
      Message message, @Nullable ChunkHeader header, long seq, String reason, long deliveries) {
    letters.send(message, header, sequencer.firstSeq(seq), reason, deliveries);
    if (config.onPoison() == PoisonPolicy.STOP) {
      sequencer.reset();
      throw new NatsTransportException(
          "message "
              + seq
              + " on "
              + message.getSubject()
              + " of stream "
              + config.stream().name()
              + " cannot be applied: "
              + reason
              + ". It was copied to "
              + config.deadLetterSubject()
              + " and left unacknowledged; the consumer stopped (on-poison stop), since skipping"
              + " it loses its changes. Fix the cause, or restart with --on-poison dead-letter to"
              + " skip it");
    }
    message.ack();
    if (header == null) {
      sequencer.completed(seq, null);
    } else {
      sequencer.deadLettered(seq, header);
    }
  }

  /**
   * A later chunk of a dead-lettered transaction, or one without its start: follows it. Returns
   * true.
   */
  boolean follow(Message message, ChunkHeader header, long seq, String reason) {
    letters.send(message, header, seq, reason, message.metaData().deliveredCount());
    message.ack();
    sequencer.deadLettered(seq, header);
    return true;
  }

  long sent() {
    return letters.sent();
  }
}
