package dev.pgpipe.nats;

import io.nats.client.Message;

/**
 * How often a consumer failed at one message in a row, and the wait after a failure. JetStream's
 * delivery count starts afresh when the consumer is restarted at its ack floor, so the consumer
 * keeps its own count too. Not thread-safe.
 */
final class FailureCount {

  private final ConsumerConfig config;
  private long failedSeq;
  private long failedAttempts;

  FailureCount(ConsumerConfig config) {
    this.config = config;
  }

  /** Records a failure at {@code seq}; returns how often it was tried. */
  long failed(Message message, long seq) {
    failedAttempts = seq == failedSeq ? failedAttempts + 1 : 1;
    failedSeq = seq;
    return Math.max(message.metaData().deliveredCount(), failedAttempts);
  }

  /** Messages up to {@code seq} went through: a later failure there counts from one. */
  void succeeded(long seq) {
    if (failedSeq <= seq) {
      failedSeq = 0;
    }
  }

  /** Waits the retry backoff's delay after {@code attempt} failures. */
  void pause(long attempt) {
    try {
      int failed = (int) Math.max(1, Math.min(attempt, Integer.MAX_VALUE));
      config.sleeper().sleep(config.retry().delayAfter(failed));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
