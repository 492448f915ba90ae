package dev.pgpipe.nats;

import dev.pgpipe.client.Attempts;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipelined, strictly ordered publishing to one stream that has this publisher as its only writer.
 *
 * <p>Messages go out asynchronously, at most {@link Limits#messages()} and {@link Limits#bytes()}
 * of them unacknowledged at once ({@link #send} blocks until the oldest is acknowledged). Each
 * carries the stream sequence it must follow ({@code Nats-Expected-Last-Sequence}): when one is
 * lost (a broken connection, a leader election, a full stream), every later one is refused instead
 * of being stored past the hole. After any failure the window stops sending, lets every message in
 * flight finish, and sends again, with the same {@code Nats-Msg-Id} and the same expectation, from
 * the first message not acknowledged: a message whose acknowledgement was lost comes back as a
 * duplicate at its predicted sequence, the rest are stored in order. Transient failures (no answer,
 * no leader, the stream full under {@code DiscardNew}) are waited out with the backoff; an
 * acknowledgement at an unexpected sequence, or a stream that grew under another writer, fails with
 * a message that says so. Acknowledgements are taken strictly in send order ({@link #settled()}
 * counts them), so whoever confirms a source position up to the last settled message confirms a
 * contiguous prefix. Each message also names the sequence of the previous one on its subject
 * ({@link SubjectChain}). Not thread-safe.
 */
final class PublishWindow {

  private static final Logger log = LoggerFactory.getLogger(PublishWindow.class);

  static final String EXPECTED_LAST_SEQUENCE = "Nats-Expected-Last-Sequence";
  static final String EXPECTED_STREAM = "Nats-Expected-Stream";

  /** How many messages, and how many payload bytes, may be unacknowledged at once. */
  record Limits(int messages, long bytes) {
    Limits {
      if (messages < 1 || bytes < 1) {
        throw new IllegalArgumentException(
            "window must allow >= 1 message and byte: " + messages + ", " + bytes);
      }
    }
  }

  /** A message in the window: what it is and the stream sequence it must follow. */
  private static final class Slot {
    final String subject;
    final Headers headers;
    final String messageId;
    final byte[] payload;
    long expectedLast;
    CompletableFuture<PublishAck> future = new CompletableFuture<>();

    Slot(String subject, Headers headers, String messageId, byte[] payload) {
      this.subject = subject;
      this.headers = headers;
      this.messageId = messageId;
      this.payload = payload;
    }
  }

  private final String stream;
  private final Connection connection;
  private final JetStream js;
  private final Limits limits;
  private final Duration timeout;
  private final DurablePublish.Time time;
  private final WindowRecovery recovery;
  private final SubjectChain chain;
  private final ArrayDeque<Slot> inFlight = new ArrayDeque<>();
  private long bytesInFlight;
  private long storedLast;
  private String storedLastId = "";
  private @Nullable Attempts attempts;
  private long messages;
  private long duplicates;
  private long bytes;
  private long retries;
  private long settled;
  private boolean probed;

  PublishWindow(
      String stream,
      Connection connection,
      JetStream js,
      WindowRecovery recovery,
      Limits limits,
      Duration timeout,
      DurablePublish.Time time,
      long startSequence) {
    this.stream = stream;
    this.connection = connection;
    this.js = js;
    this.recovery = recovery;
    this.chain = new SubjectChain(recovery::lastOn);
    this.limits = limits;
    this.timeout = timeout;
    this.time = time;
    this.storedLast = startSequence;
  }

  /**
   * Sends a message once the window has room; {@code headers} must not hold the message id.
   *
   * @throws NatsTransportException when JetStream refuses for good or the connection closed
   */
  void send(String subject, Headers headers, String messageId, byte[] payload) {
    while (!inFlight.isEmpty()
        && (inFlight.size() >= limits.messages()
            || bytesInFlight + payload.length > limits.bytes())) {
      settleHead();
    }
    Slot slot = new Slot(subject, headers, messageId, payload);
    slot.expectedLast = storedLast + inFlight.size();
    start(slot);
    inFlight.addLast(slot);
    bytesInFlight += payload.length;
    if (!probed) {
      settleHead(); // the first of a round goes alone: the stream's end is checked before more fly
      probed = true;
    }
  }

  /** Returns once every message sent is stored. */
  void drain() {
    while (!inFlight.isEmpty()) {
      settleHead();
    }
    probed = false;
  }

  private void start(Slot slot) {
    Headers headers = new Headers(slot.headers);
    headers.put(ChunkHeader.MSG_ID, slot.messageId);
    headers.put(EXPECTED_STREAM, stream);
    headers.put(EXPECTED_LAST_SEQUENCE, Long.toString(slot.expectedLast));
    long previous = chain.next(slot.subject, slot.expectedLast + 1);
    if (previous >= 0) {
      headers.put(SubjectChain.HEADER, Long.toString(previous));
    }
    try {
      slot.future =
          js.publishAsync(slot.subject, headers, slot.payload)
              .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) { // the client's queue full, the connection closed
      slot.future = CompletableFuture.failedFuture(e);
    }
  }

  private void settleHead() {
    Slot head = inFlight.getFirst();
    Object outcome = await(head);
    if (outcome instanceof PublishAck ack) {
      if (accept(head, ack)) {
        return;
      }
      resend(); // a copy of an older message took no sequence: the rest expected one too many
      return;
    }
    recover(PublishFailure.of((Throwable) outcome));
  }

  /**
   * Takes the head's acknowledgement; false when it was a duplicate of a message stored before this
   * window's tail (it took no sequence).
   */
  private boolean accept(Slot head, PublishAck ack) {
    inFlight.removeFirst();
    bytesInFlight -= head.payload.length;
    settled++;
    attempts = null;
    if (ack.isDuplicate() && ack.getSeqno() <= storedLast) {
      duplicates++;
      return false;
    }
    if (ack.getSeqno() != storedLast + 1) {
      throw new NatsTransportException(
          "JetStream stored message "
              + head.messageId
              + " at sequence "
              + ack.getSeqno()
              + " of stream "
              + stream
              + ", expected "
              + (storedLast + 1)
              + ": another publisher writes to this stream. Run one publisher per stream");
    }
    storedLast = ack.getSeqno();
    storedLastId = head.messageId;
    chain.stored(head.subject, storedLast);
    if (ack.isDuplicate()) {
      duplicates++;
    } else {
      messages++;
      bytes += head.payload.length;
    }
    return true;
  }

  /**
   * After a failure of the head: waits for every message in flight, takes what was stored (a later
   * acknowledgement proves every earlier message stored), works out what a wrong-sequence refusal
   * means, waits with the backoff when the failure is transient, and sends the rest again.
   */
  private void recover(PublishFailure failure) {
    if (failure.kind() == PublishFailure.Kind.REJECTED) {
      throw rejected(failure);
    }
    List<Object> outcomes = new ArrayList<>();
    inFlight.forEach(slot -> outcomes.add(await(slot)));
    int lastStored = -1;
    int i = 0;
    for (Slot slot : inFlight) {
      if (outcomes.get(i) instanceof PublishAck ack && ack.getSeqno() == slot.expectedLast + 1) {
        lastStored = i;
      }
      i++;
    }
    for (i = 0; i <= lastStored; i++) {
      takeAsStored(inFlight.getFirst());
    }
    if (inFlight.isEmpty()) {
      return;
    }
    if (failure.kind() == PublishFailure.Kind.WRONG_LAST_SEQUENCE && lastStored < 0) {
      WindowRecovery.Finding found =
          recovery.explain(storedLast, storedLastId, inFlight.getFirst().messageId);
      switch (found.kind()) {
        case HEAD_STORED -> takeAsStored(inFlight.getFirst());
        case COPY_OF_LAST -> storedLast = found.sequence();
        case AS_EXPECTED -> waitToRetry(failure);
        case FOREIGN -> throw new NatsTransportException(found.message(), failure.cause());
      }
    } else if (lastStored < 0) {
      waitToRetry(failure);
    }
    resend();
  }

  private NatsTransportException rejected(PublishFailure failure) {
    Slot head = inFlight.getFirst();
    return new NatsTransportException(
        "JetStream rejected message "
            + head.messageId
            + " on "
            + head.subject
            + " for stream "
            + stream
            + ": "
            + failure.description(),
        failure.cause());
  }

  /** The head is stored though its acknowledgement was lost (a later one proves it). */
  private void takeAsStored(Slot head) {
    inFlight.removeFirst();
    bytesInFlight -= head.payload.length;
    settled++;
    storedLast = head.expectedLast + 1;
    storedLastId = head.messageId;
    chain.stored(head.subject, storedLast);
    messages++;
    bytes += head.payload.length;
  }

  /** Sends every message still in the window again, in order, each after the one before it. */
  private void resend() {
    inFlight.forEach(PublishWindow::await); // nothing of the old round is left flying
    chain.rewind();
    long expected = storedLast;
    for (Slot slot : inFlight) {
      slot.expectedLast = expected++;
      start(slot);
    }
  }

  private void waitToRetry(PublishFailure failure) {
    if (connection.getStatus() == Connection.Status.CLOSED) {
      throw new NatsTransportException(
          "NATS connection closed for good while publishing to stream " + stream, failure.cause());
    }
    Attempts current = attempts();
    Slot head = inFlight.getFirst();
    if (!current.failed()) {
      throw new NatsTransportException(
          "gave up publishing "
              + head.messageId
              + " to stream "
              + stream
              + " after "
              + current.failures()
              + " attempts: "
              + failure.description(),
          failure.cause());
    }
    retries++;
    log.warn(
        "publishing {} to {} failed (attempt {}): {}; {} in flight sent again in order after {}",
        head.messageId,
        stream,
        current.failures(),
        why(failure),
        inFlight.size(),
        current.nextDelay());
    try {
      current.pause(time.sleeper());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NatsTransportException("interrupted while waiting for NATS", e);
    }
  }

  /**
   * What the operator needs to know about a failure: that the stream is full, that NATS is
   * unreachable (rather than the timeout or the "no responders" that says so), or what JetStream
   * answered.
   */
  private String why(PublishFailure failure) {
    if (failure.streamFull()) {
      return "stream " + stream + " is full (DiscardNew): waiting for consumers to make room";
    }
    if (failure.noResponders()) {
      return "NATS JetStream is unreachable for stream "
          + stream
          + ": no server answered (it is stopping, restarting or electing a leader, or no stream"
          + " captures the subject): "
          + failure.description();
    }
    Connection.Status status = connection.getStatus();
    return status == Connection.Status.CONNECTED
        ? failure.description()
        : "NATS is unreachable (" + status.toString().toLowerCase(Locale.ROOT) + ")";
  }

  /** The series of attempts since the last success. */
  private Attempts attempts() {
    Attempts current = attempts;
    if (current == null) {
      current = time.retry().start(time.ticker());
      attempts = current;
    }
    return current;
  }

  /** The head's acknowledgement, or what it failed with. */
  private static Object await(Slot slot) {
    try {
      return slot.future.get();
    } catch (ExecutionException e) {
      return e.getCause() == null ? e : e.getCause();
    } catch (java.util.concurrent.CancellationException e) {
      return e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NatsTransportException("interrupted while waiting for JetStream", e);
    }
  }

  /** Messages acknowledged (or proved stored) so far, in send order. */
  long settled() {
    return settled;
  }

  int inFlight() {
    return inFlight.size();
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
