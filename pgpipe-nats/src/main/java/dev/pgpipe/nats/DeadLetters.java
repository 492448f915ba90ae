package dev.pgpipe.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies what a consumer could not apply to its dead-letter subject, stored by JetStream (a
 * dead-letter stream captures it) before the original is acknowledged. Each dead letter keeps the
 * original payload and pgpipe headers and adds:
 *
 * <pre>
 *   Pgpipe-Error             the handler's exception: class and message (one line)
 *   Pgpipe-Deliveries        how often the failing message was delivered
 *   Pgpipe-Original-Subject  where it was published
 *   Pgpipe-Stream-Seq        its sequence in the change-data stream
 *   Pgpipe-Consumer          the consumer that gave up
 * </pre>
 *
 * When a chunk in the middle of a transaction fails, the chunks before it are copied from the
 * stream too (and later ones follow as they arrive), so the whole transaction is in one place. Not
 * thread-safe.
 */
final class DeadLetters {

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  static final String ERROR = "Pgpipe-Error";
  static final String DELIVERIES = "Pgpipe-Deliveries";
  static final String ORIGINAL_SUBJECT = "Pgpipe-Original-Subject";
  static final String STREAM_SEQ = "Pgpipe-Stream-Seq";
  static final String CONSUMER = "Pgpipe-Consumer";

  private static final int NO_MESSAGE = 10037;

  private final String stream;
  private final String subject;
  private final String consumer;
  private final JetStreamManagement jsm;
  private final DurablePublish publish;
  private long sent;

  DeadLetters(
      String stream,
      String subject,
      String consumer,
      JetStreamManagement jsm,
      DurablePublish publish) {
    this.stream = stream;
    this.subject = subject;
    this.consumer = consumer;
    this.jsm = jsm;
    this.publish = publish;
  }

  /**
   * Sends the failing message, after the earlier chunks of its transaction from {@code firstSeq}.
   */
  void send(
      Message message, @Nullable ChunkHeader header, long firstSeq, String error, long deliveries) {
    long seq = message.metaData().streamSequence();
    if (header != null) {
      for (long earlier = firstSeq; earlier < seq; earlier++) {
        copyEarlier(earlier, header, error);
      }
    }
    send(message.getSubject(), message.getHeaders(), message.getData(), seq, error, deliveries);
  }

  private void copyEarlier(long seq, ChunkHeader failing, String error) {
    MessageInfo info;
    try {
      info = jsm.getMessage(stream, seq);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != NO_MESSAGE) {
        log.warn(
            "cannot read message {} of {} for the dead-letter copy: {}", seq, stream, e.toString());
      }
      return;
    } catch (IOException e) {
      throw new NatsTransportException("cannot read message " + seq + " of stream " + stream, e);
    }
    Headers headers = info.getHeaders();
    if (headers == null
        || !failing.source().equals(headers.getFirst(ChunkHeader.SOURCE))
        || !failing.transaction().equals(headers.getFirst(ChunkHeader.TX))) {
      return;
    }
    send(
        String.valueOf(info.getSubject()),
        headers,
        info.getData(),
        seq,
        "transaction failed later: " + error,
        0);
  }

  private void send(
      String originalSubject,
      @Nullable Headers original,
      byte @Nullable [] data,
      long seq,
      String error,
      long deliveries) {
    Headers headers = new Headers();
    if (original != null) {
      for (String key : original.keySet()) {
        if (!key.equals(ChunkHeader.MSG_ID) && !key.startsWith("Nats-Expected-")) {
          headers.put(key, original.get(key)); // the publisher's expectations were for its stream
        }
      }
    }
    headers.put(ERROR, oneLine(error));
    headers.put(DELIVERIES, Long.toString(deliveries));
    headers.put(ORIGINAL_SUBJECT, originalSubject);
    headers.put(STREAM_SEQ, Long.toString(seq));
    headers.put(CONSUMER, consumer);
    publish.publish(subject, headers, consumer + ":" + seq, data == null ? new byte[0] : data);
    sent++;
    log.warn(
        "dead letter: message {} of {} ({}) to {}: {}",
        seq,
        stream,
        originalSubject,
        subject,
        error);
  }

  long sent() {
    return sent;
  }

  static String oneLine(String text) {
    String flat = text.replaceAll("[\\r\\n]+", " ");
    return flat.length() > 2000 ? flat.substring(0, 2000) + "..." : flat;
  }
}
