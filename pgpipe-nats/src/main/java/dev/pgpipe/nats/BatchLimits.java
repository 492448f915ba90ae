package dev.pgpipe.nats;

import java.time.Duration;

/**
 * How a {@link TransactionConsumer} gathers whole transactions into one target transaction: at most
 * {@code events} events (a transaction is never split, so a batch ends at the first transaction
 * that reaches the limit), at most {@code bytes} bytes of messages, and at most {@code
 * flushInterval} after its first transaction came. A batch is also applied as soon as nothing more
 * is ready within {@code linger}: a consumer that is caught up applies each transaction at once,
 * one that is catching up fills its batches. One acknowledgement covers the whole batch. Immutable.
 */
public record BatchLimits(int events, long bytes, Duration flushInterval, Duration linger) {

  /**
   * 10,000 events, as {@code POSTGRES_OUTPUT_BATCH_SIZE}'s default; 64 MiB; 1 s; a linger of 2 ms,
   * about two loopback round trips: long enough for the next message already on its way.
   */
  public static final BatchLimits DEFAULTS =
      new BatchLimits(10_000, 64L * 1024 * 1024, Duration.ofSeconds(1), Duration.ofMillis(2));

  public BatchLimits {
    if (events < 1 || bytes < 1) {
      throw new IllegalArgumentException("batch limits must be > 0: " + events + ", " + bytes);
    }
    if (flushInterval.isNegative() || linger.toMillis() < 1) {
      throw new IllegalArgumentException(
          "need flushInterval >= 0 and linger >= 1 ms: " + flushInterval + ", " + linger);
    }
  }

  /** One transaction per target transaction: what a consumer did before batching. */
  public static BatchLimits single() {
    return new BatchLimits(1, 1, Duration.ZERO, Duration.ofMillis(1));
  }

  public BatchLimits withEvents(int count) {
    return new BatchLimits(count, bytes, flushInterval, linger);
  }

  public BatchLimits withFlushInterval(Duration interval) {
    return new BatchLimits(events, bytes, interval, linger);
  }
}
