package dev.pgpipe.copy;

import dev.pgpipe.client.Backoff;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.Identifier;
import dev.pgpipe.client.Sleeper;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures a {@link BatchWriter}. Defaults: flush at 50,000 rows or 4 MiB or after 1 s, at most
 * 64 MiB pending, 1 connection, STRICT schema check, ledger {@code pgpipe_copy_ledger} in the
 * table's schema, 10 attempts per batch, no batch timeout. Not thread-safe; {@link #open()} starts
 * the writer.
 */
public final class BatchWriterBuilder<T> {

  private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

  final Database db;
  final Table<T> table;
  int maxRows = 50_000;
  int maxBytes = 4 << 20;
  Duration flushInterval = Duration.ofSeconds(1);
  long maxPendingBytes = 64L << 20;
  long highWatermark = -1;
  long lowWatermark = -1;
  @Nullable FlowControl flowControl;
  int connections = 1;
  SchemaMode schemaMode = SchemaMode.STRICT;
  @Nullable Upsert upsert;
  @Nullable RejectHandler<T> rejects;
  @Nullable Consumer<WriteError> errors;
  @Nullable String ledgerTable = "pgpipe_copy_ledger";
  String writerId = UUID.randomUUID().toString();
  Backoff retry =
      Backoff.exponential(Duration.ofMillis(50), Duration.ofSeconds(5))
          .withJitter(Backoff.EQUAL_JITTER)
          .withMaxAttempts(10);
  Sleeper sleeper = Sleeper.SYSTEM;
  @Nullable Duration batchTimeout;
  LongSupplier nanoClock = System::nanoTime;

  BatchWriterBuilder(Database db, Table<T> table) {
    this.db = db;
    this.table = table;
  }

  /** A batch is full at this many rows (see {@link BatchWriter} for when it is handed over). */
  public BatchWriterBuilder<T> maxRows(int rows) {
    this.maxRows = positive("maxRows", rows);
    return this;
  }

  /** A batch is full when its encoded rows reach this many bytes. */
  public BatchWriterBuilder<T> maxBytes(int bytes) {
    this.maxBytes = positive("maxBytes", bytes);
    return this;
  }

  /** Flush a batch this long after its first row, however small. */
  public BatchWriterBuilder<T> flushInterval(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("flushInterval must be > 0: " + interval);
    }
    this.flushInterval = interval;
    return this;
  }

  /** The buffer memory rows may hold before {@link BatchWriter#write} blocks. */
  public BatchWriterBuilder<T> maxPendingBytes(long bytes) {
    this.maxPendingBytes = positive("maxPendingBytes", bytes);
    return this;
  }

  /**
   * Calls {@code source.suspend()} at {@code high} pending bytes, {@code resume()} at {@code low}
   * (at least one batch buffer, {@code maxBytes} + 64 KiB: the open batch keeps its own).
   */
  public BatchWriterBuilder<T> watermarks(long high, long low, FlowControl source) {
    if (low < 0 || low >= high) {
      throw new IllegalArgumentException("need 0 <= low < high: " + low + ", " + high);
    }
    this.highWatermark = high;
    this.lowWatermark = low;
    this.flowControl = source;
    return this;
  }

  /** Loads on this many connections at once; 1 (the default) keeps the order of batches. */
  public BatchWriterBuilder<T> connections(int count) {
    this.connections = positive("connections", count);
    return this;
  }

  public BatchWriterBuilder<T> schemaMode(SchemaMode mode) {
    this.schemaMode = mode;
    return this;
  }

  /** Loads as an upsert through a staging table. */
  public BatchWriterBuilder<T> upsert(Upsert how) {
    this.upsert = how;
    return this;
  }

  /** Bisects a batch the server refuses, hands the bad rows here and loads the rest. */
  public BatchWriterBuilder<T> bisect(RejectHandler<T> handler) {
    this.rejects = handler;
    return this;
  }

  /**
   * Receives every failure; the writer then goes on (a batch that fails for good is dropped).
   * Without a handler the first lasting failure fails the writer: later calls throw it.
   */
  public BatchWriterBuilder<T> onError(Consumer<WriteError> handler) {
    this.errors = handler;
    return this;
  }

  /**
   * The ledger table (in the target's schema) and this writer's id in it; a stable id plus the same
   * batching lets a restarted load skip what was committed. {@code null} table: no ledger, and a
   * batch whose COMMIT outcome is unknown is reported, not retried.
   */
  public BatchWriterBuilder<T> ledger(@Nullable String table, String id) {
    this.ledgerTable = table;
    this.writerId = id;
    return this;
  }

  /**
   * How a batch that failed transiently ({@code PgException.isTransient()}) is retried: attempts,
   * delays, and a deadline measured on the {@link #clock} (default: 10 attempts, 50 ms doubling to
   * 5 s, equal jitter).
   */
  public BatchWriterBuilder<T> retry(Backoff policy) {
    this.retry = policy;
    return this;
  }

  /** What waits between a batch's attempts ({@link Sleeper#SYSTEM}; a fake one in tests). */
  public BatchWriterBuilder<T> sleeper(Sleeper waits) {
    this.sleeper = waits;
    return this;
  }

  /** Cancels a batch's transaction on the server after this long (then retries it). */
  public BatchWriterBuilder<T> batchTimeout(Duration timeout) {
    this.batchTimeout = timeout;
    return this;
  }

  /**
   * The clock the flush interval and the retry deadline are measured with (nanoseconds, like
   * System.nanoTime).
   */
  public BatchWriterBuilder<T> clock(LongSupplier nanos) {
    this.nanoClock = nanos;
    return this;
  }

  /** Checks the schema, creates the ledger if needed, and starts the loader threads. */
  public BatchWriter<T> open() {
    if (maxPendingBytes < 2L * WriterLimits.capacityFor(maxBytes)) {
      throw new IllegalArgumentException(
          "maxPendingBytes must hold two batches (2 x (maxBytes + 64 KiB)): " + maxPendingBytes);
    }
    if (highWatermark > maxPendingBytes) {
      throw new IllegalArgumentException(
          "the high watermark must be <= maxPendingBytes: " + highWatermark);
    }
    if (flowControl != null && lowWatermark < WriterLimits.capacityFor(maxBytes)) {
      throw new IllegalArgumentException(
          "the low watermark must hold one batch buffer (maxBytes + 64 KiB = "
              + WriterLimits.capacityFor(maxBytes)
              + " bytes), since the open batch keeps its buffer while the source is suspended: "
              + lowWatermark);
    }
    return new BatchWriter<>(this);
  }

  /**
   * The runner of this writer's batches, with its loader and its ledger (created when missing). It
   * reports each failure to the error handler, and logs a lost connection or a timeout.
   */
  BatchRunner<T> openRunner(Counters counters) {
    BatchLedger ledger = null;
    if (ledgerTable != null) {
      ledger = new BatchLedger(Identifier.quote(table.schema(), ledgerTable), writerId);
      ledger.create(db);
    }
    BatchLoader<T> loader = new BatchLoader<>(table, upsert, rejects != null, ledger, batchTimeout);
    Backoff backoff = retry;
    LongSupplier clock = nanoClock;
    Consumer<WriteError> handler = errors;
    String name = table.name();
    return new BatchRunner<>(
        db,
        loader,
        () -> backoff.start(clock::getAsLong),
        sleeper,
        ledger != null,
        rejects,
        error -> report(name, handler, error),
        counters);
  }

  /** Hands the error to the handler, if any; a lost connection or a timeout is logged too. */
  private static void report(
      String table, @Nullable Consumer<WriteError> handler, WriteError error) {
    if (error instanceof WriteError.ConnectionLost || error instanceof WriteError.TimedOut) {
      LOG.warn("loading into {}: {}", table, error);
    }
    if (handler != null) {
      handler.accept(error);
    }
  }

  private static int positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be > 0: " + value);
    }
    return value;
  }

  private static long positive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be > 0: " + value);
    }
    return value;
  }
}
