package dev.pgpipe.copy;

import dev.pgpipe.client.Database;
import dev.pgpipe.client.RunningTransaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Takes rows from any number of producers at any rate and loads them in batches with binary COPY on
 * K connections, each batch in its own transaction together with its ledger row, so a batch is
 * never written twice, even when a connection drops after the server committed it.
 *
 * <pre>{@code
 * try (BatchWriter<Trade> writer = BatchWriter.builder(db, Table.of(Trade.class))
 *     .connections(4).maxPendingBytes(256 << 20).open()) {
 *   trades.forEach(writer::write);
 * } // close() flushes and waits
 * }</pre>
 *
 * <p>A batch full at {@code maxRows} or {@code maxBytes} is handed to the loaders when the next row
 * comes (so that {@link #closeWith} can still join the last row's batch), at {@link #flush()} or
 * {@link #close()}, when its first row has waited {@code flushInterval} (the injectable clock), or,
 * while the source is suspended, when a batch finishes loading. A batch not yet full is handed over
 * early when the next row would not fit in {@code maxPendingBytes}. Memory is bounded ({@link
 * PendingMemory}): {@link #write} blocks at {@code maxPendingBytes}; with watermarks the source is
 * also asked to {@link FlowControl#suspend()} and {@link FlowControl#resume()}. Transient failures
 * are retried; every failure goes to the error handler as a {@link WriteError}. Without a handler
 * the first lasting failure (or a row refused on the client) is thrown by the next {@link #write},
 * {@link #flush()}, {@link #close()} or {@link #closeWith}.
 *
 * <p>Thread-safe. Batches load in order with one connection; with K they may commit out of order.
 */
public final class BatchWriter<T> implements RowWriter<T> {

  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final Table<T> table;
  private final RowEncoder<T> encoder;
  private final BatchRunner<T> runner;
  private final Counters counters = new Counters();
  private final CopyMeters meters;
  private final @Nullable Consumer<WriteError> handler;
  private final @Nullable FlowSignal flow;
  private final LongSupplier clock;
  private final WriterLimits limits;
  private final boolean retainRows;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Batch<T>> queue = new ArrayDeque<>();
  private final PendingMemory memory;
  private final List<Thread> threads = new ArrayList<>();
  private @Nullable Batch<T> current;
  private int loading;
  private long nextBatchId = 1;
  private long rowNumber;
  private boolean closing; // close() or closeWith() began: rows are refused from then on
  private boolean closed;
  private long givenUp; // batches that failed for good (reported to the handler, if there is one)
  private @Nullable RuntimeException failure;

  BatchWriter(BatchWriterBuilder<T> options) {
    this.table = options.table;
    this.handler = options.errors;
    this.clock = options.nanoClock;
    this.limits = WriterLimits.of(options);
    this.retainRows = options.rejects != null;
    this.memory = new PendingMemory(limits, options.connections + 1);
    FlowControl source = options.flowControl;
    this.flow = source == null ? null : new FlowSignal(source, lock, memory);
    this.encoder = SchemaCheck.encoderFor(options.db, table, options.schemaMode);
    this.runner = options.openRunner(counters);
    this.meters = startThreads(options.connections);
  }

  /** Starts the loader and flush threads, and the meters that read what they count. */
  private CopyMeters startThreads(int connections) {
    for (int i = 0; i < connections; i++) {
      threads.add(
          Thread.ofVirtual().name("pgpipe-batch-" + table.name() + "-" + i).start(this::loadLoop));
    }
    threads.add(Thread.ofVirtual().name("pgpipe-flush-" + table.name()).start(this::tickLoop));
    return new CopyMeters(
        table.schema() + "." + table.name(),
        counters,
        () -> stats().pendingBytes(),
        limits.maxPendingBytes());
  }

  /** Configures a writer of {@code table} on {@code db} (its pool needs at least K connections). */
  public static <T> BatchWriterBuilder<T> builder(Database db, Table<T> table) {
    return new BatchWriterBuilder<>(db, table);
  }

  /**
   * Adds a row to the current batch, blocking while {@code maxPendingBytes} are pending. A row
   * refused on the client goes to the error handler, or is thrown as {@link EncodingException} when
   * there is none.
   */
  @Override
  public void write(T row) {
    EncodingException refused = null;
    boolean flowChanged;
    lock.lock();
    try {
      requireUsable();
      awaitRoom();
      Batch<T> batch = currentBatch();
      int capacity = batch.data().array().length;
      try {
        batch.add(row, encoder, rowNumber, clock.getAsLong());
      } catch (EncodingException e) {
        refused = e;
      }
      rowNumber++;
      memory.grew(batch.data().array().length - capacity);
      boolean resume = false;
      if (batch.rows() == 0) { // its only row was refused, maybe after growing its buffer:
        current = null; // dropped, as no loader would free it, and its id taken by the next batch
        nextBatchId = batch.id();
        resume = memory.release(batch.data());
      } else if (limits.isDue(batch, clock.getAsLong())) {
        submitCurrent();
      }
      flowChanged = memory.suspendNow(flow != null) || resume;
    } finally {
      lock.unlock();
    }
    if (flowChanged && flow != null) {
      flow.sync();
    }
    if (refused != null) {
      counters.rejected.incrementAndGet();
      if (handler == null) {
        throw refused;
      }
      handler.accept(new WriteError.EncodingFailed(refused));
    }
  }

  /**
   * Hands a full batch over, then waits until the row fits in memory. Checked on every pass: while
   * this producer waited, another may have filled the batch.
   */
  private void awaitRoom() {
    while (true) {
      submitIfFull();
      if (memory.fits(current == null)) {
        return;
      }
      if (current != null && current.rows() > 0) {
        submitCurrent();
        continue;
      }
      long blockedSince = clock.getAsLong();
      try {
        changed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for room to write", e);
      } finally {
        counters.blockedNanos.addAndGet(clock.getAsLong() - blockedSince);
      }
      requireUsable();
    }
  }

  private Batch<T> currentBatch() {
    Batch<T> batch = current;
    if (batch == null) {
      batch = new Batch<>(nextBatchId++, memory.take(), retainRows);
      current = batch;
    }
    return batch;
  }

  private void submitIfFull() {
    Batch<T> batch = current;
    if (batch != null && limits.isFull(batch)) {
      submitCurrent();
    }
  }

  private void submitCurrent() {
    Batch<T> batch = current;
    if (batch != null && batch.rows() > 0) {
      queue.add(batch);
      current = null;
      changed.signalAll();
    }
  }

  private void requireUsable() {
    if (closing) {
      throw new IllegalStateException("the writer of " + table + " is closed");
    }
    RuntimeException failed = failure;
    if (failed != null) {
      throw new IllegalStateException(
          "the writer of " + table + " failed: " + failed.getMessage(), failed);
    }
  }

  /** Hands the current batch to the loaders and waits until everything written so far is loaded. */
  public void flush() {
    lock.lock();
    try {
      requireUsable();
      submitCurrent();
      awaitLoaded();
      requireUsable();
    } finally {
      lock.unlock();
    }
  }

  /** Rows, bytes, batches, retries and pending memory so far. */
  public WriterStats stats() {
    lock.lock();
    try {
      return counters.snapshot(memory.pending());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Flushes, waits for every batch to load, and stops the loader threads. Rows are refused from the
   * moment it begins; a second call, from any thread, returns once the writer is closed.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closing) {
        while (!closed) {
          changed.awaitUninterruptibly();
        }
        return;
      }
      closing = true;
      submitCurrent();
      finishClosing();
    } finally {
      lock.unlock();
    }
    stopThreadsThenThrowFailure();
  }

  /**
   * Closes the writer like {@link #close()}, running {@code finalStep} in the transaction of the
   * batch that holds the last row written, after every earlier batch committed: what it writes
   * commits with the writer's last rows, and never before any of them (a load's own ledger row,
   * say). With no row left to load, or when that batch was handed to the loaders already (its first
   * row had waited {@code flushInterval}, or the source was suspended), it runs in a transaction of
   * its own once every batch committed. It runs again when that transaction is retried, so it must
   * be idempotent, and it must not call this writer (it runs on a loader thread). A failure of that
   * transaction rolls it back with the rows, unless the outcome of its COMMIT is unknown (then it
   * may have committed). Rows refused on the client or set aside by bisection (given to the
   * handlers) do not stop it.
   *
   * @throws IllegalStateException when the writer was closed or closing before, or a batch failed
   *     for good (thrown, or reported to the error handler): then {@code finalStep} did not commit,
   *     unless that failure was the COMMIT of its own transaction, of unknown outcome
   */
  public void closeWith(Consumer<RunningTransaction> finalStep) {
    Objects.requireNonNull(finalStep, "finalStep");
    long gaveUp;
    lock.lock();
    try {
      if (closing) {
        throw new IllegalStateException("the writer of " + table + " is closed");
      }
      closing = true;
      Batch<T> last = current;
      current = null;
      awaitLoaded();
      if (failure == null && givenUp == 0) {
        last = last != null ? last : new Batch<>(nextBatchId++, memory.takeSmall(), false);
        last.runAfterRows(finalStep);
      }
      if (last != null) {
        queue.add(last);
        changed.signalAll();
      }
      finishClosing();
      gaveUp = givenUp;
    } finally {
      lock.unlock();
    }
    stopThreadsThenThrowFailure();
    if (gaveUp > 0) {
      throw new IllegalStateException(
          "%s: %d batch(es) given up (see the error handler), so the closing step did not commit"
              .formatted(table, gaveUp));
    }
  }

  /** With the lock held: waits for every queued batch, then marks the writer closed. */
  private void finishClosing() {
    awaitLoaded();
    closed = true;
    changed.signalAll();
  }

  /** Waits, holding the lock, until no batch is queued or loading, or one failed. */
  private void awaitLoaded() {
    while ((!queue.isEmpty() || loading > 0) && failure == null) {
      changed.awaitUninterruptibly();
    }
  }

  /** Stops the loader and flush threads, then throws the failure that ended loading, if any. */
  private void stopThreadsThenThrowFailure() {
    try {
      for (Thread thread : threads) {
        LockSupport.unpark(thread);
        thread.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the threads end by themselves, now that it is closed
    }
    meters.close();
    RuntimeException failed = failure;
    if (failed != null) {
      throw new IllegalStateException(
          "the writer of " + table + " failed: " + failed.getMessage(), failed);
    }
  }

  private void loadLoop() {
    while (true) {
      Batch<T> batch;
      lock.lock();
      try {
        while (queue.isEmpty() && !closed) {
          changed.awaitUninterruptibly();
        }
        batch = queue.poll();
        if (batch == null) {
          return;
        }
        loading++;
      } finally {
        lock.unlock();
      }
      RuntimeException failed = runner.run(batch);
      finished(batch, failed);
    }
  }

  private void finished(Batch<T> batch, @Nullable RuntimeException failed) {
    boolean resume;
    lock.lock();
    try {
      loading--;
      givenUp += failed != null ? 1 : 0;
      if (failed != null && handler == null && failure == null) {
        failure = failed;
      }
      if (memory.suspended()) {
        submitIfFull(); // its producer may write no next row until resumed
      }
      resume = memory.release(batch.data());
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (resume && flow != null) {
      flow.sync();
    }
  }

  private void tickLoop() {
    while (true) {
      lock.lock();
      try {
        if (closed) {
          return;
        }
        Batch<T> batch = current;
        if (batch != null && limits.isDue(batch, clock.getAsLong())) {
          submitCurrent();
        }
      } finally {
        lock.unlock();
      }
      LockSupport.parkNanos(Math.min(TICK_NANOS, limits.intervalNanos()));
    }
  }
}
