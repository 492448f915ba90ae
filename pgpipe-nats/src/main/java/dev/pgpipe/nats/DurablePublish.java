package dev.pgpipe.nats;

import dev.pgpipe.client.Attempts;
import dev.pgpipe.client.Backoff;
import dev.pgpipe.client.Sleeper;
import dev.pgpipe.client.Ticker;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one message and waits for JetStream's acknowledgement, retrying the very same message
 * (same {@code Nats-Msg-Id}) with its {@link Backoff} while the server is unreachable or JetStream
 * is not ready, until it is stored (or the backoff's attempt limit or deadline passes). Fails at
 * once on a rejection that waiting cannot cure. Not thread-safe.
 */
final class DurablePublish {

  private static final Logger log = LoggerFactory.getLogger(DurablePublish.class);

  /** JetStream's "temporarily unavailable" and the no-responders / timeout statuses. */
  private static final int API_UNAVAILABLE = 10008;

  private final String stream;
  private final Connection connection;
  private final JetStream js;
  private final Backoff retry;
  private final Ticker ticker;
  private final Sleeper sleeper;
  private long messages;
  private long duplicates;
  private long bytes;
  private long retries;

  DurablePublish(String stream, Connection connection, JetStream js, Time time) {
    this.stream = stream;
    this.connection = connection;
    this.js = js;
    this.retry = time.retry();
    this.ticker = time.ticker();
    this.sleeper = time.sleeper();
  }

  /** The backoff of a publish and the clock and sleeper it runs on. */
  record Time(Backoff retry, Ticker ticker, Sleeper sleeper) {}

  /**
   * Publishes until stored; {@code headers} must not hold the message id (it is passed apart).
   *
   * @throws NatsTransportException when JetStream rejects the message or the connection closed
   */
  void publish(String subject, Headers headers, String messageId, byte[] payload) {
    PublishOptions options =
        PublishOptions.builder().messageId(messageId).expectedStream(stream).build();
    Attempts attempts = retry.start(ticker);
    while (true) {
      Exception failure;
      try {
        PublishAck ack = js.publish(subject, new Headers(headers), payload, options);
        if (ack.isDuplicate()) {
          duplicates++;
        } else {
          messages++;
          bytes += payload.length;
        }
        return;
      } catch (JetStreamApiException e) {
        if (!isTransient(e)) {
          throw rejected(subject, messageId, e);
        }
        failure = e;
      } catch (IOException | IllegalStateException e) {
        failure = e;
      }
      waitToRetry(attempts, subject, messageId, failure);
    }
  }

  /** Waits before the next attempt, or throws when there is to be none. */
  private void waitToRetry(Attempts attempts, String subject, String messageId, Exception failure) {
    if (connection.getStatus() == Connection.Status.CLOSED) {
      throw new NatsTransportException(
          "NATS connection closed for good while publishing " + messageId, failure);
    }
    if (!attempts.failed()) {
      throw new NatsTransportException(
          "gave up publishing " + messageId + " after " + attempts.failures() + " attempts",
          failure);
    }
    retries++;
    log.warn(
        "publishing {} to {} failed (attempt {}): {}; retrying",
        messageId,
        subject,
        attempts.failures(),
        failure.toString());
    try {
      attempts.pause(sleeper);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NatsTransportException("interrupted while waiting for NATS", e);
    }
  }

  private static boolean isTransient(JetStreamApiException e) {
    return e.getErrorCode() == 503
        || e.getErrorCode() == 408
        || e.getApiErrorCode() == API_UNAVAILABLE;
  }

  private NatsTransportException rejected(
      String subject, String messageId, JetStreamApiException e) {
    return new NatsTransportException(
        "JetStream rejected message "
            + messageId
            + " on "
            + subject
            + " for stream "
            + stream
            + ": "
            + e.getErrorDescription()
            + " (error "
            + e.getErrorCode()
            + "/"
            + e.getApiErrorCode()
            + ")",
        e);
  }

  long messages() {
    return messages;
  }

  long duplicates() {
    return duplicates;
  }

  long bytes() {
    return bytes;
  }

  long retries() {
    return retries;
  }
}
