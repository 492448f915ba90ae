package dev.pgpipe.cdc;

import dev.pgpipe.client.Sleeper;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * The bounded queue between the reader (and snapshot workers) and the consumer, with the
 * acknowledgement tracker and the stream's state. While the queue is full, {@link #accept} keeps
 * sending status updates on the current replication stream so the server does not time out.
 */
final class Delivery implements Consumer<Transaction> {

  /** Thrown inside the reader when the stream is being closed. */
  static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("change stream closed");
    }
  }

  private final BlockingQueue<Transaction> queue;
  private final AckTracker acks;
  private final long statusNanos;
  private final Sleeper sleeper;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicLong reconnects = new AtomicLong();
  private volatile @Nullable CdcException failure;
  private volatile boolean finished;
  private volatile boolean serverBehind;
  private volatile long confirmedSent;
  private volatile StreamState state = StreamState.STARTING;
  private volatile @Nullable String lastError;
  private final java.util.concurrent.atomic.LongAdder bytesRead =
      new java.util.concurrent.atomic.LongAdder();
  private @Nullable PGReplicationStream stream;
  private @Nullable SQLException deferred;
  private long lastStatus;

  Delivery(CdcConfig config, AckTracker acks) {
    this.queue = new ArrayBlockingQueue<>(config.tuning().queueCapacity());
    this.acks = acks;
    this.statusNanos = config.tuning().statusInterval().toNanos() / 2;
    Sleeper injected = config.sleeper();
    this.sleeper = injected != null ? injected : this::awaitStop;
  }

  AckTracker acks() {
    return acks;
  }

  @Override
  public void accept(Transaction tx) {
    acks.delivered(tx);
    try {
      while (!queue.offer(tx, 20, TimeUnit.MILLISECONDS)) {
        if (stopped()) {
          throw new Stopped();
        }
        keepAlive();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stopped();
    }
  }

  /** Sends a status update on the reader's stream if one is due; a failure is kept for later. */
  private void keepAlive() {
    PGReplicationStream current = stream;
    if (current == null || deferred != null || System.nanoTime() - lastStatus < statusNanos) {
      return;
    }
    try {
      LogSequenceNumber lsn = LogSequenceNumber.valueOf(acks.confirmed());
      current.setFlushedLSN(lsn);
      current.setAppliedLSN(lsn);
      current.forceUpdateStatus();
      confirmedSent = acks.confirmed();
    } catch (SQLException e) {
      deferred = e;
    }
    lastStatus = System.nanoTime();
  }

  /** Rethrows a status failure that happened while the reader was blocked. */
  void throwDeferred() throws SQLException {
    SQLException e = deferred;
    deferred = null;
    if (e != null) {
      throw e;
    }
  }

  /** The reader's current stream (null between connections); reader thread only. */
  void connected(@Nullable PGReplicationStream current) {
    this.stream = current;
    this.deferred = null;
    if (current != null) {
      state = StreamState.STREAMING;
    }
  }

  /** The reader is in {@code next} (the failure, if any, kept for health checks). */
  void state(StreamState next, @Nullable String error) {
    state = next;
    if (error != null) {
      lastError = error;
    }
  }

  StreamState state() {
    return state;
  }

  @Nullable String lastError() {
    return lastError;
  }

  /** Counts pgoutput bytes read from the server. */
  void read(int bytes) {
    bytesRead.add(bytes);
  }

  long bytesRead() {
    return bytesRead.sum();
  }

  int queued() {
    return queue.size();
  }

  int capacity() {
    return queue.size() + queue.remainingCapacity();
  }

  @Nullable Transaction poll(Duration timeout) throws InterruptedException {
    return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The reader found data waiting on the connection ({@code true}) or found none. */
  void serverBehind(boolean behind) {
    if (serverBehind != behind) {
      serverBehind = behind;
    }
  }

  /** Whether the reader last found data waiting on the connection. */
  boolean serverBehind() {
    return serverBehind;
  }

  boolean queueEmpty() {
    return queue.isEmpty();
  }

  void stop() {
    stop.countDown();
  }

  boolean stopped() {
    return stop.getCount() == 0;
  }

  /** Waits {@code wait} through the sleeper (by default: unless stopped first). */
  void pause(Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
    }
  }

  private void awaitStop(Duration wait) throws InterruptedException {
    stop.await(wait.toNanos(), TimeUnit.NANOSECONDS);
  }

  void fail(CdcException e) {
    failure = e;
    state(StreamState.FAILED, e.getMessage());
  }

  @Nullable CdcException failure() {
    return failure;
  }

  void finish() {
    finished = true;
    state(StreamState.FINISHED, null);
  }

  boolean finished() {
    return finished;
  }

  void countReconnect() {
    reconnects.incrementAndGet();
  }

  long reconnects() {
    return reconnects.get();
  }

  void confirmedSent(long lsn) {
    confirmedSent = lsn;
  }

  long confirmedSent() {
    return confirmedSent;
  }
}
