package dev.pgpipe.cdc;

import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.cdc.pgoutput.PgOutputDecoder;
import dev.pgpipe.client.Attempts;
import dev.pgpipe.client.PgException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.postgresql.replication.fluent.logical.ChainedLogicalStreamBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reading loop: checks the slot, starts pgoutput streaming, decodes and assembles messages,
 * hands transactions to the {@link Delivery} (which blocks while the consumer is behind, sending
 * status updates meanwhile), confirms what was acknowledged, and reconnects after a transient
 * failure with the {@link Tuning#reconnect()} backoff, on {@link CdcConfig#ticker()}, until its
 * attempt limit or deadline; a connection that streams data again ends the outage (the next one
 * starts a new series). Runs on one thread until {@link Delivery#stopped()}.
 */
final class StreamLoop {

  private static final Logger log = LoggerFactory.getLogger(StreamLoop.class);
  private static final long IDLE_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
  private static final long FORCE_STATUS_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final CdcConfig config;
  private final SourceCatalog catalog;
  private final Delivery delivery;
  private final TransactionAssembler assembler;
  private final Attempts outage;
  private final int protocolVersion;
  private long lastForcedStatus;
  private long flushedSent;

  StreamLoop(
      CdcConfig config, SourceCatalog catalog, Delivery delivery, TransactionAssembler assembler) {
    this.config = config;
    this.catalog = catalog;
    this.delivery = delivery;
    this.assembler = assembler;
    Tuning tuning = config.tuning();
    this.outage = tuning.reconnect().start(config.ticker());
    this.protocolVersion = catalog.serverVersion() >= 140000 && tuning.streaming() ? 2 : 1;
  }

  /** Streams until stopped; a fatal problem is reported to the delivery. */
  void run() {
    while (!delivery.stopped()) {
      try {
        streamOnce();
        return;
      } catch (RuntimeException | SQLException e) {
        if (delivery.stopped()) {
          return;
        }
        long confirmed = delivery.acks().confirmed();
        CdcException fatal = Failures.fatal(e, config.slot(), confirmed);
        if (fatal == null && !outage.failed()) {
          fatal = Failures.gaveUp(e, config.slot(), confirmed, outage.failures());
        }
        if (fatal != null) {
          delivery.fail(fatal);
          return;
        }
        Duration wait = outage.nextDelay();
        delivery.countReconnect();
        delivery.state(StreamState.RECONNECTING, e.getMessage());
        log.warn(
            "replication from slot {} interrupted ({}); reconnecting in {} ms",
            config.slot(),
            e.getMessage(),
            wait.toMillis());
        assembler.reset();
        assembler.skipThrough(delivery.acks().deliveredEnd());
        delivery.pause(wait);
      }
    }
  }

  private void streamOnce() throws SQLException {
    SlotInfo slot = Failures.checkSlot(catalog, config.slot(), delivery.acks().confirmed());
    if (slot.active()) {
      throw new PgException(
          "replication slot " + config.slot() + " is active for PID " + slot.activePid(),
          "55006",
          null,
          null,
          0,
          null);
    }
    long start = Math.max(delivery.acks().confirmed(), slot.confirmedFlushLsn());
    Connection connection =
        Connections.replication(config.connection(), config.tuning().walSenderTimeout());
    try {
      PGReplicationStream stream = start(connection, start);
      log.info(
          "streaming from slot {} at {} (pgoutput protocol {})",
          config.slot(),
          Lsn.format(start),
          protocolVersion);
      delivery.connected(stream);
      try {
        read(stream);
        sendStatus(stream, true);
      } finally {
        delivery.connected(null);
      }
    } finally {
      Connections.closeQuietly(connection);
    }
  }

  private PGReplicationStream start(Connection connection, long start) throws SQLException {
    ChainedLogicalStreamBuilder builder =
        connection
            .unwrap(PGConnection.class)
            .getReplicationAPI()
            .replicationStream()
            .logical()
            .withSlotName(config.slot())
            .withStartPosition(LogSequenceNumber.valueOf(start))
            .withSlotOption("proto_version", protocolVersion)
            .withSlotOption("publication_names", config.publication())
            .withSlotOption("messages", true)
            .withStatusInterval(
                (int) config.tuning().statusInterval().toMillis(), TimeUnit.MILLISECONDS)
            .withAutomaticFlush(false);
    if (protocolVersion >= 2) {
      builder.withSlotOption("streaming", "on");
    }
    flushedSent = start;
    return builder.start();
  }

  private void read(PGReplicationStream stream) throws SQLException {
    PgOutputDecoder decoder = new PgOutputDecoder();
    try {
      while (!delivery.stopped()) {
        ByteBuffer message = stream.readPending();
        delivery.serverBehind(message != null);
        if (message == null) {
          sendStatus(stream, false);
          LockSupport.parkNanos(IDLE_PARK_NANOS);
          continue;
        }
        if (outage.failures() > 0) {
          outage.reset(); // streaming again: the outage is over
        }
        delivery.read(message.remaining());
        assembler.accept(decoder.decode(message), stream.getLastReceiveLSN().asLong());
        delivery.throwDeferred();
        sendStatus(stream, false);
      }
    } finally {
      delivery.serverBehind(false); // not reading: nothing is known to be on its way
    }
  }

  /**
   * Confirms the acknowledged position (or, with nothing outstanding, the last position the server
   * reported) and sends it at once when it moved; {@code force} sends it regardless.
   */
  void sendStatus(PGReplicationStream stream, boolean force) throws SQLException {
    if (!assembler.hasOpenTransactions()) {
      delivery.acks().advanceIfIdle(stream.getLastReceiveLSN().asLong());
    }
    long confirmed = delivery.acks().confirmed();
    long now = System.nanoTime();
    if (force || (confirmed > flushedSent && now - lastForcedStatus >= FORCE_STATUS_NANOS)) {
      LogSequenceNumber lsn = LogSequenceNumber.valueOf(confirmed);
      stream.setFlushedLSN(lsn);
      stream.setAppliedLSN(lsn);
      stream.forceUpdateStatus();
      flushedSent = confirmed;
      lastForcedStatus = now;
      delivery.confirmedSent(confirmed);
    }
  }
}
