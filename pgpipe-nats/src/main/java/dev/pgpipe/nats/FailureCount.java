package dev.pgpipe.nats;

import dev.pgpipe.client.Sleeper;
import io.nats.client.Message;

/**
 * How often a consumer failed at one message in a row, and the wait after a failure. JetStream's
 * delivery count starts afresh when the consumer is restarted at its ack floor, so the consumer
 * keeps its own count too. Not thread-safe.
 */
final class FailureCount {

  private final ConsumerConfig config;
  private final Sleeper sleeper;
  private long failedSeq;
  private long failedAttempts;

  /** {@code sleeper} waits out the delays of {@code config}'s retry backoff. */
  FailureCount(ConsumerConfig config, Sleeper sleeper) {
    this.config = config;
    this.sleeper = sleeper;
  }

  /** The sleeper of the waits between attempts (it ends them when NATS comes back). */
  Sleeper sleeper() {
    return sleeper;
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
      sleeper.sleep(config.retry().delayAfter(failed));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
