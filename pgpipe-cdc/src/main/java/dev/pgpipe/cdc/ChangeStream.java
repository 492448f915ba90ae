package dev.pgpipe.cdc;

import dev.pgpipe.cdc.value.TypeRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every committed change of the published tables, as {@link Transaction}s in commit order, after
 * the initial snapshot if one was asked for.
 *
 * <pre>{@code
 * try (ChangeStream stream = ChangeStream.open(config)) {
 *   while (!stream.isFinished()) {
 *     Transaction tx = stream.poll(Duration.ofSeconds(1));
 *     if (tx != null) {
 *       write(tx);                // make it durable downstream
 *       stream.acknowledge(tx);   // then let the source forget it
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>{@link #open} checks the source, creates the publication and the slot when missing, and starts
 * a reader thread that fills a bounded queue. The server is told to forget a transaction (its end
 * LSN is confirmed) only when it and everything before it were acknowledged; what was handed out
 * but not acknowledged when the process stops is delivered again on the next start (at-least-once:
 * make the sink idempotent). Within one {@code ChangeStream}, reconnections never deliver a
 * transaction twice. {@code poll} and {@code acknowledge} may be called from different threads;
 * {@code close} from any.
 */
public final class ChangeStream implements TransactionSource, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChangeStream.class);

  private final CdcConfig config;
  private final SourceCatalog catalog;
  private final Delivery delivery;
  private final List<String> warnings;
  private final Thread reader;
  private final @Nullable Thread heartbeat;
  private final StreamMeters meters;

  private ChangeStream(
      CdcConfig config, SourceCatalog catalog, List<String> warnings, Start start) {
    this.config = config;
    this.catalog = catalog;
    this.warnings = warnings;
    this.delivery = new Delivery(config, new AckTracker(start.confirmed()));
    this.reader =
        Thread.ofPlatform()
            .daemon()
            .name("pgpipe-cdc-" + config.slot())
            .unstarted(() -> run(start));
    this.heartbeat =
        config.tuning().heartbeatInterval().isZero()
                || config.snapshot() == SnapshotMode.INITIAL_ONLY
            ? null
            : Thread.ofVirtual().name("pgpipe-cdc-heartbeat").unstarted(this::beat);
    this.meters = new StreamMeters(config.slot(), delivery, catalog);
  }

  /** How the reader begins: an open slot-creating connection and its snapshot, if any. */
  private record Start(
      long confirmed, @Nullable Connection exporter, @Nullable String snapshot, long point) {}

  /**
   * Checks the source, creates what is missing and starts reading.
   *
   * @throws CdcException when the source cannot be used (with what to run to fix it)
   */
  public static ChangeStream open(CdcConfig config) {
    SourceCatalog catalog = new SourceCatalog(config.connection());
    try {
      List<String> warnings = new SourceSetup(config, catalog).prepare();
      Start start =
          config.snapshot() == SnapshotMode.INITIAL_ONLY
              ? exportOnly(config)
              : prepareSlot(config, catalog);
      ChangeStream stream = new ChangeStream(config, catalog, warnings, start);
      stream.reader.start();
      if (stream.heartbeat != null) {
        stream.heartbeat.start();
      }
      stream.meters.start();
      return stream;
    } catch (RuntimeException e) {
      catalog.close();
      throw e;
    }
  }

  private static Start exportOnly(CdcConfig config) {
    Connection connection = Connections.regular(config.connection());
    try {
      connection.setAutoCommit(false);
      try (var statement = connection.createStatement()) {
        statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        try (var rs = statement.executeQuery("SELECT pg_export_snapshot()")) {
          rs.next();
          return new Start(0, connection, rs.getString(1), 0);
        }
      }
    } catch (java.sql.SQLException e) {
      Connections.closeQuietly(connection);
      throw dev.pgpipe.client.PgException.from(e, "cannot export a snapshot");
    }
  }

  private static Start prepareSlot(CdcConfig config, SourceCatalog catalog) {
    Optional<SlotInfo> existing = catalog.slot(config.slot());
    if (existing.isPresent() && snapshotCutShort(config, catalog)) {
      log.warn(
          "slot {} belongs to an initial snapshot that was cut short; dropping it to take the"
              + " snapshot again",
          config.slot());
      Slots.drop(config.connection(), config.slot(), true);
    } else if (existing.isPresent()) {
      return resume(config, catalog);
    }
    if (!config.createSlot()) {
      throw Failures.slotMissing(config.slot(), 0, null);
    }
    boolean export = config.snapshot() == SnapshotMode.INITIAL;
    Connection replication = Connections.replication(config.connection(), null);
    try {
      SlotCreator.Created created =
          SlotCreator.create(replication, config.slot(), export, catalog.serverVersion());
      log.info(
          "created slot {} at {}",
          config.slot(),
          dev.pgpipe.cdc.pgoutput.Lsn.format(created.consistentPoint()));
      if (!export) {
        Connections.closeQuietly(replication);
        return new Start(created.consistentPoint(), null, null, created.consistentPoint());
      }
      SnapshotMark.write(catalog, config.slot());
      return new Start(
          created.consistentPoint(),
          replication,
          created.snapshotName(),
          created.consistentPoint());
    } catch (RuntimeException e) {
      Connections.closeQuietly(replication);
      throw e;
    }
  }

  private static boolean snapshotCutShort(CdcConfig config, SourceCatalog catalog) {
    return config.snapshot() == SnapshotMode.INITIAL
        && SnapshotMark.pending(catalog, config.slot(), config.publication());
  }

  private static Start resume(CdcConfig config, SourceCatalog catalog) {
    SlotInfo slot = Failures.checkSlot(catalog, config.slot(), 0);
    if (config.resumeLsn() != 0 && slot.confirmedFlushLsn() > config.resumeLsn()) {
      throw new CdcException(
          "replication slot "
              + config.slot()
              + " confirmed more than the stored position: changes in"
              + " between are gone; re-create the slot with --snapshot initial",
          null,
          config.slot(),
          slot.confirmedFlushLsn(),
          null);
    }
    log.info("resuming slot {}", slot);
    return new Start(slot.confirmedFlushLsn(), null, null, 0);
  }

  private void run(Start start) {
    org.slf4j.MDC.put("slot", config.slot()); // a field of every log line of the reader
    try {
      if (start.snapshot() != null) {
        delivery.state(StreamState.SNAPSHOTTING, null);
        try {
          new SnapshotCopier(config, catalog, new TypeRegistry(), delivery)
              .copy(start.snapshot(), start.point());
        } finally {
          Connections.closeQuietly(start.exporter());
        }
      }
      if (config.snapshot() == SnapshotMode.INITIAL_ONLY) {
        delivery.finish();
        return;
      }
      TransactionAssembler assembler =
          new TransactionAssembler(
              new TypeRegistry(), catalog, config.filter(), config.tuning(), delivery);
      new StreamLoop(config, catalog, delivery, assembler).run();
    } catch (Delivery.Stopped stopped) {
      // closing
    } catch (RuntimeException e) {
      CdcException fatal = Failures.fatal(e, config.slot(), delivery.acks().confirmed());
      delivery.fail(
          fatal != null ? fatal : new CdcException(e.getMessage() + "", null, config.slot(), 0, e));
      if (start.snapshot() != null && config.snapshot() == SnapshotMode.INITIAL) {
        log.error(
            "snapshot failed; dropping slot {} so the next start snapshots again", config.slot());
        dropQuietly();
      }
    }
  }

  private void dropQuietly() {
    try {
      catalog.execute("SELECT pg_drop_replication_slot(?)", config.slot());
    } catch (RuntimeException e) {
      log.warn("could not drop slot {}: {}", config.slot(), e.getMessage());
    }
  }

  private void beat() {
    while (!delivery.stopped()) {
      delivery.pause(config.tuning().heartbeatInterval());
      if (delivery.stopped()) {
        return;
      }
      try {
        catalog.execute(
            "SELECT pg_logical_emit_message(false, ?, '')", TransactionAssembler.HEARTBEAT_PREFIX);
      } catch (RuntimeException e) {
        log.warn("heartbeat failed: {}", e.getMessage());
      }
    }
  }

  /**
   * The next transaction (or part), waiting up to {@code timeout}; null when none came.
   *
   * @throws CdcException when the reader stopped on a fatal problem and nothing is left to poll
   */
  @Override
  public @Nullable Transaction poll(Duration timeout) {
    try {
      Transaction tx = delivery.poll(timeout);
      if (tx == null) {
        CdcException failure = delivery.failure();
        if (failure != null && delivery.queueEmpty()) {
          throw failure;
        }
      }
      return tx;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Marks a polled transaction (or part) durable downstream; see the class comment. */
  @Override
  public void acknowledge(Transaction transaction) {
    delivery.acks().acknowledge(transaction);
  }

  /** True once an {@code initial_only} snapshot was fully polled, or the reader failed. */
  @Override
  public boolean isFinished() {
    return (delivery.finished() || delivery.failure() != null) && delivery.queueEmpty();
  }

  /**
   * True while the reader is in the middle of what the server sent: it has not found the
   * replication connection empty since its last message, so more is coming at once (catching up).
   * False once it found nothing waiting (caught up), and when the stream finished or failed.
   */
  @Override
  public boolean hasBacklog() {
    return delivery.serverBehind() && !isFinished();
  }

  /** Problems found at start that did not stop it (replica identities, publication members). */
  public List<String> warnings() {
    return warnings;
  }

  public StreamStats stats() {
    AckTracker acks = delivery.acks();
    return new StreamStats(
        acks.deliveredTransactions(),
        acks.deliveredEvents(),
        delivery.confirmedSent(),
        delivery.reconnects(),
        acks.outstanding());
  }

  public CdcConfig config() {
    return config;
  }

  /** Where the reader is: snapshotting, streaming, reconnecting... Thread-safe. */
  public StreamState state() {
    return delivery.state();
  }

  /** The message of the last connection failure or fatal problem, if any. Thread-safe. */
  public Optional<String> lastError() {
    return Optional.ofNullable(delivery.lastError());
  }

  /** Stops reading, confirms what was acknowledged, and closes the connections. Idempotent. */
  @Override
  public void close() {
    delivery.stop();
    meters.close();
    try {
      reader.join(Duration.ofSeconds(30));
      if (heartbeat != null) {
        heartbeat.join(Duration.ofSeconds(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      delivery.state(StreamState.CLOSED, null);
      catalog.close();
    }
  }
}
