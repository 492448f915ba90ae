package dev.pgpipe.nats;

import dev.pgpipe.client.Ticker;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullRequestOptions;
import io.nats.client.PullSubscribeOptions;
import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Hands out a durable pull consumer's messages one at a time, pulling ahead: a new pull of {@code
 * batch} messages (expiring after {@code expires}) goes out when fewer than a quarter of what was
 * asked is still to come, or when the last pull has expired. So the client holds at most about 1.25
 * batches, and a message is handed out as soon as it arrives (no waiting for a full batch). Not
 * thread-safe.
 */
final class PullFeed {

  private final JetStream js;
  private final String stream;
  private final String durable;
  private final String filter;
  private final int batch;
  private final Duration expires;
  private final Ticker ticker;
  private final long maxBytes;
  private JetStreamSubscription subscription;
  private long outstanding;
  private long pulledAt;

  PullFeed(JetStream js, ConsumerConfig config, long maxBytes)
      throws IOException, JetStreamApiException {
    this.js = js;
    this.stream = config.stream().name();
    this.durable = config.durable();
    this.filter = config.filterSubject();
    this.batch = config.fetchBatch();
    this.expires = config.fetchWait();
    this.ticker = config.ticker();
    this.maxBytes = maxBytes;
    this.subscription = subscribe();
  }

  private JetStreamSubscription subscribe() throws IOException, JetStreamApiException {
    outstanding = 0;
    return js.subscribe(filter, PullSubscribeOptions.bind(stream, durable));
  }

  /** Binds again to the (recreated) consumer, dropping what the client held. */
  void resubscribe() throws IOException, JetStreamApiException {
    subscription.unsubscribe();
    subscription = subscribe();
  }

  /** The consumer's clock, in nanoseconds. */
  long now() {
    return ticker.nanoTime();
  }

  /**
   * Messages the client received and holds, not yet handed out. jnats keeps that count apart from
   * its queue, so a read racing a message in and out can see -1: read as none.
   */
  long held() {
    return Math.max(0, subscription.getPendingMessageCount());
  }

  /**
   * The next message, waiting up to {@code wait}; null when none came.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  @Nullable Message next(Duration wait) throws InterruptedException {
    long now = ticker.nanoTime();
    boolean expired = now - pulledAt >= expires.toNanos();
    long held = held();
    boolean roomy = held <= batch / 4 && subscription.getPendingByteCount() <= maxBytes / 4;
    if (roomy && (expired || outstanding <= batch / 4)) {
      subscription.pull(
          PullRequestOptions.builder(batch).maxBytes(maxBytes).expiresIn(expires).build());
      outstanding = (expired ? held : outstanding) + batch;
      pulledAt = now;
    }
    Message message = subscription.nextMessage(wait);
    if (message != null) {
      outstanding--;
    }
    return message;
  }
}
