package dev.pgpipe.cdc;

import dev.pgpipe.client.Backoff;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Flow and resource settings of a {@link ChangeStream}.
 *
 * <ul>
 *   <li>{@code batchSize} (100), {@code batchTimeout} (5 s): a sink such as {@link StdoutSink}
 *       flushes after this many transactions, or when no more are ready, or when the oldest
 *       unflushed one waited this long.
 *   <li>{@code streaming} (true): on PostgreSQL 14+, protocol 2 with {@code streaming=on}, so the
 *       server sends large in-progress transactions in chunks instead of spilling them itself.
 *   <li>{@code statusInterval} (1 s): status updates to the server, also while the sink is slow.
 *   <li>{@code heartbeatInterval} (0 = off): write a {@code pg_logical_emit_message} this often so
 *       a quiet database still moves the slot forward.
 *   <li>{@code queueCapacity} (64) transactions or parts between reader and sink.
 *   <li>{@code maxEventsPerPart} (10,000; {@code POSTGRES_INPUT_PART_SIZE}, {@code --part-size}):
 *       larger transactions are delivered in parts, and their events beyond this many are spilled
 *       to a file in {@code spillDirectory} until commit.
 *   <li>{@code snapshotParallelism} (4) tables copied at once.
 *   <li>{@code reconnect} ({@link #DEFAULT_RECONNECT}: 100 ms doubling to 30 s, equal jitter, no
 *       limit): the waits between reconnection attempts after a lost connection, and how many
 *       attempts or how long an outage may last before the stream fails (one series per outage: a
 *       connection that streams data again starts a new one).
 *   <li>{@code walSenderTimeout} (null = server setting) for the replication connection.
 * </ul>
 *
 * <p>Memory bound: at most {@code (queueCapacity + open transactions + 1) x maxEventsPerPart}
 * events are held in memory at once; the rest of a large transaction waits on disk.
 */
public record Tuning(
    int batchSize,
    Duration batchTimeout,
    boolean streaming,
    Duration statusInterval,
    Duration heartbeatInterval,
    int queueCapacity,
    int maxEventsPerPart,
    Path spillDirectory,
    int snapshotParallelism,
    Backoff reconnect,
    @Nullable Duration walSenderTimeout) {

  /** Events per part of a large transaction unless set otherwise ({@code maxEventsPerPart}). */
  public static final int DEFAULT_PART_SIZE = 10_000;

  /** Reconnect after 100 ms doubling to 30 s, equal jitter, for as long as it takes. */
  public static final Backoff DEFAULT_RECONNECT =
      Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(30))
          .withJitter(Backoff.EQUAL_JITTER);

  public Tuning {
    positive(batchSize, "batchSize");
    positive(queueCapacity, "queueCapacity");
    positive(maxEventsPerPart, "maxEventsPerPart");
    positive(snapshotParallelism, "snapshotParallelism");
    if (statusInterval.isZero() || statusInterval.isNegative()) {
      throw new IllegalArgumentException("statusInterval must be > 0: " + statusInterval);
    }
    if (heartbeatInterval.isNegative() || batchTimeout.isNegative()) {
      throw new IllegalArgumentException("durations must be >= 0");
    }
  }

  private static void positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0: " + value);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder with the defaults listed on {@link Tuning}. Not thread-safe. */
  public static final class Builder {
    private int batchSize = 100;
    private Duration batchTimeout = Duration.ofSeconds(5);
    private boolean streaming = true;
    private Duration statusInterval = Duration.ofSeconds(1);
    private Duration heartbeatInterval = Duration.ZERO;
    private int queueCapacity = 64;
    private int maxEventsPerPart = DEFAULT_PART_SIZE;
    private Path spillDirectory = Path.of(System.getProperty("java.io.tmpdir"));
    private int snapshotParallelism = 4;
    private Backoff reconnect = DEFAULT_RECONNECT;
    private @Nullable Duration walSenderTimeout;

    Builder() {}

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder batchTimeout(Duration value) {
      batchTimeout = value;
      return this;
    }

    public Builder streaming(boolean value) {
      streaming = value;
      return this;
    }

    public Builder statusInterval(Duration value) {
      statusInterval = value;
      return this;
    }

    public Builder heartbeatInterval(Duration value) {
      heartbeatInterval = value;
      return this;
    }

    public Builder queueCapacity(int value) {
      queueCapacity = value;
      return this;
    }

    public Builder maxEventsPerPart(int value) {
      maxEventsPerPart = value;
      return this;
    }

    public Builder spillDirectory(Path value) {
      spillDirectory = value;
      return this;
    }

    public Builder snapshotParallelism(int value) {
      snapshotParallelism = value;
      return this;
    }

    /** Reconnect after {@code initial} doubling to {@code max}, equal jitter, without limit. */
    public Builder backoff(Duration initial, Duration max) {
      return reconnect(Backoff.exponential(initial, max).withJitter(Backoff.EQUAL_JITTER));
    }

    /** The reconnection backoff, with its attempt limit or deadline if any. */
    public Builder reconnect(Backoff value) {
      reconnect = value;
      return this;
    }

    public Builder walSenderTimeout(@Nullable Duration value) {
      walSenderTimeout = value;
      return this;
    }

    public Tuning build() {
      return new Tuning(
          batchSize,
          batchTimeout,
          streaming,
          statusInterval,
          heartbeatInterval,
          queueCapacity,
          maxEventsPerPart,
          spillDirectory,
          snapshotParallelism,
          reconnect,
          walSenderTimeout);
    }
  }
}
