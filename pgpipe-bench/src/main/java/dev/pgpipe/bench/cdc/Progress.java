package dev.pgpipe.bench.cdc;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * What one reader delivered: the number of insert events, when the first and the last arrived, and
 * (while {@link #recordLag(boolean)} is on) the lag of each event from its source commit to its
 * delivery, in microseconds of the wall clock (server and reader share the machine). Readers call
 * {@link #delivered} from their own threads; thread-safe.
 */
final class Progress {

  private final AtomicLong events = new AtomicLong();
  private volatile long firstNanos;
  private volatile long lastNanos;
  private volatile boolean recordLag;
  private volatile @Nullable String failure;
  private long[] lags = new long[1 << 16];
  private int lagCount;

  /** {@code count} events delivered now; {@code commitMicros} their commit time, or -1. */
  void delivered(int count, long commitMicros) {
    long now = System.nanoTime();
    if (events.getAndAdd(count) == 0) {
      firstNanos = now;
    }
    lastNanos = now;
    if (recordLag && commitMicros > 0) {
      record(epochMicrosNow() - commitMicros, count);
    }
  }

  private synchronized void record(long lagMicros, int count) {
    if (lagCount + count > lags.length) {
      lags = Arrays.copyOf(lags, Math.max(lags.length * 2, lagCount + count));
    }
    Arrays.fill(lags, lagCount, lagCount + count, lagMicros);
    lagCount += count;
  }

  static long epochMicrosNow() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  static long epochMicros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  /** The reader stopped on an error; {@link #await} reports it. */
  void fail(String message) {
    failure = message;
  }

  void recordLag(boolean on) {
    recordLag = on;
  }

  long events() {
    return events.get();
  }

  /** Events per second between the first and the last delivery. */
  double eventsPerSecond() {
    long span = lastNanos - firstNanos;
    return span <= 0 ? 0 : events.get() * 1e9 / span;
  }

  /** The lag quantile {@code q} (0..1) of the recorded events, in milliseconds. */
  synchronized double lagMillis(double q) {
    if (lagCount == 0) {
      throw new IllegalStateException("no lag recorded");
    }
    long[] sorted = Arrays.copyOf(lags, lagCount);
    Arrays.sort(sorted);
    int index = (int) Math.min(lagCount - 1, Math.max(0, Math.ceil(q * lagCount) - 1));
    return sorted[index] / 1000.0;
  }

  synchronized int lagSamples() {
    return lagCount;
  }

  /**
   * Waits until at least {@code target} events arrived.
   *
   * @throws IllegalStateException after {@code timeout}, with the count reached
   */
  void await(long target, Duration timeout, String who) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (events.get() < target) {
      String failed = failure;
      if (failed != null) {
        throw new IllegalStateException(failed);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            who + ": " + events.get() + " of " + target + " events after " + timeout);
      }
      LockSupport.parkNanos(1_000_000L);
    }
  }
}
