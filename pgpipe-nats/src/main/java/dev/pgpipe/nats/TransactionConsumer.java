package dev.pgpipe.nats;

import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.json.EnvelopeCodec;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable pull consumer that hands whole transactions, in stream order, to a {@link
 * TransactionHandler} and acknowledges them only after the handler made them durable.
 *
 * <p>Whole transactions are gathered ({@link BatchLimits}: never one split) and flushed together
 * ({@link TransactionHandler#flush()}: the table sink applies them in one target transaction with
 * its ledger); one acknowledgement of the last (ack-all policy) releases them all. When the handler
 * throws, the batch is dropped, the consumer waits (backoff) and restarts itself at its ack floor,
 * so JetStream delivers it again in stream order (never a negative acknowledgement: the server
 * would deliver newer messages first). A transaction the handler refused {@code maxDeliveries}
 * times, or a message that is no change envelope, is a poison message ({@link PoisonMessages}),
 * unless the handler never dead-letters ({@link
 * TransactionHandler#deadLettersFailedTransactions()}): then it is tried until taken. Messages the
 * stream lost are reported ({@link GapCheck}). Stopping or crashing loses nothing: unacknowledged
 * messages come again and the handler's ledger skips what it applied. See {@link Sequencer} for
 * redeliveries. Not thread-safe: one thread runs {@link #poll()} ({@link #connectionState()} may be
 * called from any).
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
  private final PullFeed feed;
  private final GapCheck gaps;
  private final HeldBatch held;
  private long seenReconnects;
  private boolean restartPending;
  private final FailureCount failed;
  private long isolateThrough;
  private final PoisonMessages poisons;
  private final EnvelopeCodec codec = new EnvelopeCodec();
  private final Sequencer sequencer = new Sequencer();
  private final ConsumerCounters counts = new ConsumerCounters();

  private TransactionConsumer(
      ConsumerConfig config,
      TransactionHandler handler,
      Connection connection,
      NatsConnections.ConnectionEvents events)
      throws IOException, JetStreamApiException {
    this.config = config;
    this.failed = new FailureCount(config, events.wakingOnReconnect(config.sleeper()));
    this.handler = handler;
    this.connection = connection;
    this.connectionEvents = events;
    ConsumerParts parts = ConsumerParts.open(connection, config, sequencer, failed.sleeper());
    this.jsm = parts.jsm();
    this.feed = parts.feed();
    this.gaps = parts.gaps();
    this.poisons = parts.poisons();
    this.held = new HeldBatch(config.batch(), config.maxAckPending() / 2);
    gaps.start();
  }

  /**
   * Connects, creates or checks the streams and the durable consumer, and subscribes.
   *
   * @throws NatsTransportException when NATS cannot be reached or a setting differs
   */
  public static TransactionConsumer connect(ConsumerConfig config, TransactionHandler handler) {
    var events = NatsConnections.ConnectionEvents.of(config);
    Connection connection =
        NatsConnections.connect(config.nats(), events, config.ticker(), config.sleeper());
    try {
      return new TransactionConsumer(config, handler, connection, events);
    } catch (Exception e) {
      NatsConnections.closeQuietly(connection);
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
   * Takes the next message (waiting up to {@code fetchWait} when nothing is held, the batch's
   * linger when a batch is filling) and hands it to the handler; flushes the held batch and
   * acknowledges it when it is full, old enough, nothing more came, or at once when caught up (no
   * message left on the server or in the client: a trickle is applied as it comes). Returns how
   * many messages were taken (0 or 1).
   *
   * @throws NatsTransportException when the connection closed for good, a message is missing from
   *     the stream, or a poison message stops the consumer ({@link PoisonPolicy#STOP})
   */
  public int poll() {
    if (restartPending || connectionEvents.reconnects.get() != seenReconnects) {
      restartInOrder();
      if (restartPending) {
        return 0;
      }
    }
    Message message;
    try {
      message = feed.next(held.isEmpty() ? config.fetchWait() : config.batch().linger());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (RuntimeException e) {
      if (connection.getStatus() == Connection.Status.CLOSED) {
        throw new NatsTransportException("NATS connection closed for good", e);
      }
      log.warn("pull from {} failed: {}; retrying", config.durable(), e.toString());
      flushHeld();
      failed.pause(1);
      return 0;
    }
    if (message == null) {
      flushHeld();
      return 0;
    }
    long seq = message.metaData().streamSequence();
    try {
      gaps.check(seq, message);
    } catch (NatsTransportException lost) {
      flushHeld(); // what came before the hole is fine
      throw lost;
    }
    boolean caughtUp = counts.pendingAfter(message.metaData().pendingCount(), feed.held());
    if (handle(message) && (caughtUp || held.full(feed.now()) || seq <= isolateThrough)) {
      flushHeld();
    }
    return 1;
  }

  /**
   * Hands the held batch to the handler ({@link TransactionHandler#acceptAll}) and acknowledges it
   * with one ack of its last message. When the handler throws, a batch of one transaction fails
   * like any ({@link #fail}); a larger one is dropped and taken again one transaction at a time, up
   * to its last message, so that the one at fault is found. Returns false when it failed and the
   * consumer restarts at its ack floor.
   */
  private boolean flushHeld() {
    Message last = held.last();
    ChunkHeader header = held.lastHeader();
    if (last == null || header == null) {
      return true;
    }
    long seq = held.lastSeq();
    try {
      handler.acceptAll(held.source(), held.parts());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      int size = held.size();
      held.clear();
      if (size == 1) {
        return fail(last, seq, header, e);
      }
      counts.failures++;
      handler.abort();
      isolateThrough = seq;
      log.warn("{}: batch up to {} failed, comes again: {}", config.durable(), seq, e.toString());
      failed.pause(1);
      restartPending = true;
      return false;
    }
    last.ack();
    failed.succeeded(seq);
    sequencer.completed(seq, header);
    counts.applied(held.transactions(), held.commitTime());
    held.clear();
    return true;
  }

  /**
   * After a failure, or a reconnection (messages delivered while the connection was down come back
   * only after the ack wait, behind newer ones): drop the open transaction and what the client
   * holds of later messages, and restart the consumer at its ack floor so that stream order holds.
   */
  private void restartInOrder() {
    long reconnects = connectionEvents.reconnects.get();
    try {
      flushHeld();
      handler.abort();
      sequencer.reset();
      if (ConsumerSetup.restartAtAckFloor(jsm, config)) {
        feed.resubscribe();
        gaps.start();
      }
      seenReconnects = reconnects;
      restartPending = false;
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      log.warn("{}: cannot restart in stream order yet: {}", config.durable(), e.toString());
      restartPending = true;
      failed.pause(1);
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
        if (held.isEmpty()) {
          message.ack();
        }
        counts.skipped++;
        yield true;
      }
      case SKIP_HELD -> {
        counts.skipped++;
        yield true;
      }
      case SKIP_COPY -> skipCopy(message, seq, header);
      case DEAD_REST, ORPHAN -> {
        yield !flushHeld() || poisons.follow(message, header, seq, ORPHAN_REASON);
      }
      case RESTART -> restart(message, seq, header, false);
      case ABANDON -> restart(message, seq, header, true);
      case APPLY -> apply(message, seq, header);
      case UNEXPECTED ->
          fail(message, seq, header, ChunkChecks.unexpected(seq, header, sequencer.expecting()));
    };
  }

  /** A copy of a chunk taken already, stored again after the duplicate window: not applied. */
  private boolean skipCopy(Message message, long seq, ChunkHeader header) {
    log.info("{}: message {} is a copy of {}: skipped", config.durable(), seq, header);
    if (sequencer.copied(seq) && held.isEmpty()) {
      message.ack();
    }
    counts.skipped++;
    return true;
  }

  /**
   * The first chunk of the open transaction again, or ({@code abandon}) of another one before the
   * open one ended: the incomplete one is dropped (it comes again), and this one begins.
   */
  private boolean restart(Message message, long seq, ChunkHeader header, boolean abandon) {
    log.info(
        "{}: {} starts again{}",
        config.durable(),
        header,
        abandon ? " before " + sequencer.expecting() + " came (publisher restarted)" : "");
    handler.abort();
    return apply(message, seq, header);
  }

  private boolean apply(Message message, long seq, ChunkHeader header) {
    Transaction part;
    try {
      part = ChunkChecks.decode(codec, message, header);
    } catch (RuntimeException e) {
      return poison(message, header, seq, "not a pgpipe change envelope: " + e.getMessage(), 1);
    }
    try {
      counts.messages++;
      counts.events += part.size();
      boolean whole = header.isSnapshot() || (header.chunk() == 0 && header.last());
      if (whole && held.takes(header.source())) {
        held.add(message, seq, header, part, config.ticker().nanoTime());
        return true;
      }
      if (!flushHeld()) {
        return false; // a transaction in chunks is written as it comes, after the held batch
      }
      handler.accept(header.source(), part);
      failed.succeeded(seq);
      if (header.last()) {
        message.ack();
        sequencer.completed(seq, header);
        counts.applied(1, part.commitTime());
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
    if (!flushHeld()) {
      return false;
    }
    counts.failures++;
    handler.abort();
    long deliveries = failed.failed(message, seq);
    String reason = error.getClass().getSimpleName() + ": " + error.getMessage();
    boolean deadLetters = handler.deadLettersFailedTransactions();
    if (deliveries >= config.maxDeliveries() && deadLetters) {
      return poison(message, header, seq, reason, deliveries);
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
    failed.pause(deliveries);
    restartPending = true;
    return false;
  }

  private boolean foreign(Message message, long seq, IllegalArgumentException e) {
    if (sequencer.isOpen()) {
      counts.failures++;
      handler.abort();
      failed.pause(failed.failed(message, seq));
      restartPending = true;
      return false;
    }
    return poison(message, null, seq, e.getMessage() + "", message.metaData().deliveredCount());
  }

  /** Dead-letters a poison message after the held batch; see {@link PoisonMessages}. */
  private boolean poison(
      Message message, @Nullable ChunkHeader header, long seq, String reason, long deliveries) {
    if (!flushHeld()) {
      return false;
    }
    handler.abort();
    poisons.poison(message, header, seq, reason, deliveries);
    return true;
  }

  public ConsumerStats stats() {
    return counts.snapshot(poisons.sent(), held.transactions());
  }

  /** The NATS connection's state now (not connected while it reconnects); from any thread. */
  public ConnectionState connectionState() {
    return ConnectionState.of(connection, connectionEvents);
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
    if (connection.getStatus() != Connection.Status.CLOSED) {
      flushHeld();
    }
    if (sequencer.isOpen()) {
      handler.abort();
      sequencer.reset();
    }
    NatsConnections.closeQuietly(connection);
  }
}
