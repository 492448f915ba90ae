package dev.pgpipe.nats;

import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.json.EnvelopeCodec;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable pull consumer that hands whole transactions, in stream order, to a {@link
 * TransactionHandler} and acknowledges them only after the handler made them durable.
 *
 * <p>Chunks of a transaction go to the handler in order; the last one's acknowledgement (ack-all
 * policy) releases them all. When the handler throws, the transaction is aborted, the consumer
 * waits (backoff by the number of attempts) and restarts itself at its ack floor, so that JetStream
 * delivers the transaction again from its first chunk and everything after it in stream order (a
 * negative acknowledgement would not: the server may deliver newer messages before the ones it was
 * told to redeliver). Once the failing message was tried {@code maxDeliveries} times, the
 * transaction goes to the dead-letter subject with the error (see {@link DeadLetters}) and the
 * consumer moves on, unless the handler never dead-letters ({@link
 * TransactionHandler#deadLettersFailedTransactions()}): then it is tried until it is taken.
 * Stopping or crashing loses nothing: unacknowledged messages are delivered again, and the
 * handler's ledger skips what it already applied. See {@link Sequencer} for how redeliveries are
 * ordered. Not thread-safe: one thread runs {@link #poll()}.
 */
public final class TransactionConsumer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TransactionConsumer.class);
  private static final String ORPHAN_REASON =
      "chunk without the start of its transaction (earlier chunks dead-lettered or missing)";

  private final ConsumerConfig config;
  private final TransactionHandler handler;
  private final Connection connection;
  private final NatsConnections.ConnectionEvents connectionEvents;
  private final JetStreamManagement jsm;
  private final JetStream js;
  private JetStreamSubscription subscription;
  private long seenReconnects;
  private boolean restartPending;
  private long failedSeq;
  private long failedAttempts;
  private final DeadLetters deadLetters;
  private final EnvelopeCodec codec = new EnvelopeCodec();
  private final Sequencer sequencer = new Sequencer();
  private long transactions;
  private long messages;
  private long events;
  private long failures;
  private long skipped;
  private @Nullable Instant lastCommitTime;

  private TransactionConsumer(
      ConsumerConfig config,
      TransactionHandler handler,
      Connection connection,
      NatsConnections.ConnectionEvents events)
      throws IOException, JetStreamApiException {
    this.config = config;
    this.handler = handler;
    this.connection = connection;
    this.connectionEvents = events;
    this.jsm = connection.jetStreamManagement();
    StreamSetup.ensure(jsm, config.stream());
    StreamSetup.ensure(jsm, config.deadLetterStream());
    ConsumerSetup.ensure(jsm, config);
    this.js = connection.jetStream();
    this.subscription = subscribe();
    DurablePublish publish =
        new DurablePublish(
            config.deadLetterStream().name(),
            connection,
            js,
            new DurablePublish.Time(config.retry(), config.ticker(), config.sleeper()));
    this.deadLetters =
        new DeadLetters(
            config.stream().name(), config.deadLetterSubject(), config.durable(), jsm, publish);
  }

  private JetStreamSubscription subscribe() throws IOException, JetStreamApiException {
    return js.subscribe(
        config.filterSubject(),
        PullSubscribeOptions.bind(config.stream().name(), config.durable()));
  }

  /**
   * Connects, creates or checks the streams and the durable consumer, and subscribes.
   *
   * @throws NatsTransportException when NATS cannot be reached or a setting differs
   */
  public static TransactionConsumer connect(ConsumerConfig config, TransactionHandler handler) {
    var events = new NatsConnections.ConnectionEvents("consumer " + config.durable());
    Connection connection = NatsConnections.connect(config.nats(), events);
    try {
      return new TransactionConsumer(config, handler, connection, events);
    } catch (Exception e) {
      closeQuietly(connection);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw e instanceof NatsTransportException n
          ? n
          : new NatsTransportException(
              "cannot set up consumer " + config.durable() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Consumes until {@code stop} says so, then closes. This is {@code pgpipe sink --from
   * nats://...}: pass the table sink (or buffer table) as the handler.
   */
  public static ConsumerStats run(
      ConsumerConfig config, TransactionHandler handler, BooleanSupplier stop) {
    try (TransactionConsumer consumer = connect(config, handler)) {
      while (!stop.getAsBoolean()) {
        consumer.poll();
      }
      return consumer.stats();
    }
  }

  /**
   * Fetches up to {@code fetchBatch} messages (waiting up to {@code fetchWait}) and handles them.
   * Returns how many were fetched.
   */
  public int poll() {
    if (restartPending || connectionEvents.reconnects.get() != seenReconnects) {
      restartInOrder();
      if (restartPending) {
        return 0;
      }
    }
    List<Message> batch;
    try {
      batch = subscription.fetch(config.fetchBatch(), config.fetchWait());
    } catch (RuntimeException e) {
      if (connection.getStatus() == Connection.Status.CLOSED) {
        throw new NatsTransportException("NATS connection closed for good", e);
      }
      log.warn("fetch from {} failed: {}; retrying", config.durable(), e.toString());
      pause(1);
      return 0;
    }
    for (Message message : batch) {
      if (!handle(message)) {
        break; // the rest comes again after the restart
      }
    }
    return batch.size();
  }

  /**
   * After a failure, or a reconnection (messages delivered while the connection was down come back
   * only after the ack wait, behind newer ones): drop the open transaction and what the client
   * holds of later messages, and restart the consumer at its ack floor so that stream order holds.
   */
  private void restartInOrder() {
    long reconnects = connectionEvents.reconnects.get();
    try {
      handler.abort();
      sequencer.reset();
      if (ConsumerSetup.restartAtAckFloor(jsm, config)) {
        subscription.unsubscribe();
        subscription = subscribe();
      }
      seenReconnects = reconnects;
      restartPending = false;
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      log.warn("{}: cannot restart in stream order yet: {}", config.durable(), e.toString());
      restartPending = true;
      pause(1);
    }
  }

  /** Handles one message; false when it failed and the rest of the batch must be redelivered. */
  private boolean handle(Message message) {
    long seq = message.metaData().streamSequence();
    ChunkHeader header;
    try {
      header = ChunkHeader.from(message.getHeaders());
    } catch (IllegalArgumentException e) {
      return foreign(message, seq, e);
    }
    return switch (sequencer.decide(seq, header)) {
      case SKIP_DONE -> {
        message.ack();
        skipped++;
        yield true;
      }
      case SKIP_HELD -> {
        skipped++;
        yield true;
      }
      case SKIP_COPY -> skipCopy(message, seq, header);
      case DEAD_REST, ORPHAN -> {
        deadLetter(message, header, seq, ORPHAN_REASON);
        yield true;
      }
      case RESTART -> restart(message, seq, header, false);
      case ABANDON -> restart(message, seq, header, true);
      case APPLY -> apply(message, seq, header);
      case UNEXPECTED -> fail(message, seq, header, unexpected(seq, header));
    };
  }

  /** A copy of a chunk taken already, stored again after the duplicate window: not applied. */
  private boolean skipCopy(Message message, long seq, ChunkHeader header) {
    log.info(
        "{}: message {} is a copy of chunk {} of transaction {} stored again: skipped",
        config.durable(),
        seq,
        header.chunk(),
        header.transaction());
    if (sequencer.copied(seq)) {
      message.ack();
    }
    skipped++;
    return true;
  }

  /**
   * The first chunk of the open transaction again, or ({@code abandon}) of another one before the
   * open one ended: the incomplete one is dropped (it comes again), and this one begins.
   */
  private boolean restart(Message message, long seq, ChunkHeader header, boolean abandon) {
    if (abandon) {
      log.warn(
          "{}: transaction {} of {} starts before {} came: the publisher restarted and sends again"
              + " what it had not confirmed; dropping the incomplete transaction, it comes again",
          config.durable(),
          header.transaction(),
          header.source(),
          sequencer.expecting());
    } else {
      log.info(
          "transaction {} of {} sent again from its start", header.transaction(), header.source());
    }
    handler.abort();
    return apply(message, seq, header);
  }

  private IllegalStateException unexpected(long seq, ChunkHeader header) {
    return new IllegalStateException(
        "message "
            + seq
            + ", chunk "
            + header.chunk()
            + " of transaction "
            + header.transaction()
            + ", arrived instead of "
            + sequencer.expecting()
            + ": a message is missing from the stream");
  }

  private boolean apply(Message message, long seq, ChunkHeader header) {
    try {
      Transaction part =
          codec.decodeTransaction(new String(message.getData(), StandardCharsets.UTF_8));
      if (part.part() != header.chunk() || part.lastPart() != header.last()) {
        throw new IllegalStateException(
            "payload part " + part.part() + " does not match header chunk " + header.chunk());
      }
      handler.accept(header.source(), part);
      if (seq == failedSeq) {
        failedSeq = 0; // it went through: a later failure here counts from one
      }
      messages++;
      events += part.size();
      if (header.isSnapshot() || header.last()) {
        message.ack();
        sequencer.completed(seq, header);
        if (!header.isSnapshot()) {
          transactions++;
          lastCommitTime = part.commitTime();
        }
      } else {
        sequencer.took(seq, header);
      }
      return true;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return fail(message, seq, header, e);
    }
  }

  private boolean fail(Message message, long seq, ChunkHeader header, Exception error) {
    failures++;
    handler.abort();
    long deliveries = attempts(message, seq);
    String reason = error.getClass().getSimpleName() + ": " + error.getMessage();
    boolean deadLetters = handler.deadLettersFailedTransactions();
    if (deliveries >= config.maxDeliveries() && deadLetters) {
      this.deadLetters.send(message, header, sequencer.firstSeq(seq), reason, deliveries);
      message.ack();
      sequencer.deadLettered(seq, header);
      return true;
    }
    log.warn(
        "{}: transaction {} of {} failed (delivery {}{}): {}",
        config.durable(),
        header.transaction(),
        header.source(),
        deliveries,
        deadLetters
            ? " of " + config.maxDeliveries()
            : "; paused, delivered again until the target takes it",
        reason);
    pause(deliveries);
    restartPending = true;
    return false;
  }

  /**
   * How often the message at {@code seq} was tried: JetStream's delivery count, or this consumer's
   * count of failures in a row at it (a restart at the ack floor starts JetStream's count afresh).
   */
  private long attempts(Message message, long seq) {
    failedAttempts = seq == failedSeq ? failedAttempts + 1 : 1;
    failedSeq = seq;
    return Math.max(message.metaData().deliveredCount(), failedAttempts);
  }

  private boolean foreign(Message message, long seq, IllegalArgumentException e) {
    if (sequencer.isOpen()) {
      failures++;
      handler.abort();
      pause(attempts(message, seq));
      restartPending = true;
      return false;
    }
    deadLetters.send(message, null, seq, e.getMessage() + "", message.metaData().deliveredCount());
    message.ack();
    sequencer.completed(seq, null);
    return true;
  }

  private void deadLetter(Message message, ChunkHeader header, long seq, String reason) {
    deadLetters.send(message, header, seq, reason, message.metaData().deliveredCount());
    message.ack();
    sequencer.deadLettered(seq, header);
  }

  private void pause(long attempt) {
    try {
      int failed = (int) Math.max(1, Math.min(attempt, Integer.MAX_VALUE));
      config.sleeper().sleep(config.retry().delayAfter(failed));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public ConsumerStats stats() {
    return new ConsumerStats(
        transactions, messages, events, deadLetters.sent(), failures, skipped, lastCommitTime);
  }

  public ConsumerConfig config() {
    return config;
  }

  /**
   * Aborts an incomplete transaction and closes the connection; the next consumer of this name
   * starts at the ack floor (see {@link ConsumerSetup}). Idempotent.
   */
  @Override
  public void close() {
    if (sequencer.isOpen()) {
      handler.abort();
      sequencer.reset();
    }
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
