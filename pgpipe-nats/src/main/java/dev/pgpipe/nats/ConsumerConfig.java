package dev.pgpipe.nats;

import dev.pgpipe.client.Backoff;
import dev.pgpipe.client.Sleeper;
import dev.pgpipe.client.Ticker;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link TransactionConsumer} needs: how to reach NATS, the stream, the source it
 * consumes (one source per consumer), the durable consumer's name and subject filter (default:
 * everything of the source, {@code <prefix>.<source>.>}; narrower filters scale out, see {@code
 * README.md}), how many messages to pull ahead and how long a pull waits, how transactions are
 * batched into one target transaction ({@link BatchLimits}), how long JetStream waits for an
 * acknowledgement before redelivering, after how many deliveries a failing message goes to the
 * dead-letter subject and what happens then ({@link PoisonPolicy}), and the backoff after a
 * failure. Built once, then immutable.
 */
public final class ConsumerConfig {

  private final NatsSettings nats;
  private final StreamSettings stream;
  private final StreamSettings deadLetterStream;
  private final Subjects subjects;
  private final String source;
  private final String durable;
  private final String filterSubject;
  private final String deadLetterSubject;
  private final int fetchBatch;
  private final Duration fetchWait;
  private final Duration ackWait;
  private final int maxDeliveries;
  private final long maxAckPending;
  private final BatchLimits batch;
  private final PoisonPolicy onPoison;
  private final Backoff retry;
  private final Ticker ticker;
  private final Sleeper sleeper;

  private ConsumerConfig(Builder b) {
    this.nats = Objects.requireNonNull(b.nats, "nats settings are required");
    this.subjects = b.subjects;
    this.source = Subjects.checkSource(Objects.requireNonNull(b.source, "a source is needed"));
    this.durable = Subjects.checkSource(b.durable);
    this.stream =
        b.stream != null
            ? b.stream
            : StreamSettings.defaults(StreamSettings.DEFAULT_NAME, subjects.prefix());
    this.deadLetterStream =
        b.deadLetterStream != null
            ? b.deadLetterStream
            : StreamSettings.defaults(stream.name() + "_DEAD", subjects.prefix() + "_dead")
                .withMaxAge(Duration.ZERO)
                .withReplicas(stream.replicas())
                .withStorage(stream.storage());
    this.filterSubject = b.filterSubject != null ? b.filterSubject : subjects.everything(source);
    this.deadLetterSubject =
        b.deadLetterSubject != null ? b.deadLetterSubject : subjects.deadLetters(source, durable);
    positive(b.fetchBatch, "fetchBatch");
    positive(b.maxDeliveries, "maxDeliveries");
    positive(b.maxAckPending, "maxAckPending");
    if (b.fetchWait.toMillis() < 1 || b.ackWait.toMillis() < 1) {
      throw new IllegalArgumentException(
          "fetchWait and ackWait must be >= 1 ms: " + b.fetchWait + ", " + b.ackWait);
    }
    this.fetchBatch = b.fetchBatch;
    this.fetchWait = b.fetchWait;
    this.ackWait = b.ackWait;
    this.maxDeliveries = b.maxDeliveries;
    this.maxAckPending = b.maxAckPending;
    this.batch = b.batch;
    this.onPoison = b.onPoison;
    this.retry = b.retry;
    this.ticker = b.ticker;
    this.sleeper = b.sleeper;
  }

  private static void positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0: " + value);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public NatsSettings nats() {
    return nats;
  }

  public StreamSettings stream() {
    return stream;
  }

  /**
   * The stream that stores dead letters: by default {@code <stream>_DEAD} over {@code
   * <prefix>_dead.>}, kept forever, with the change stream's storage and replicas. The consumer
   * sets it up whenever it (re)starts, so on a cluster it must survive the same node losses as the
   * change stream: a one-replica dead-letter stream on a dead node would stop the consumer.
   */
  public StreamSettings deadLetterStream() {
    return deadLetterStream;
  }

  public Subjects subjects() {
    return subjects;
  }

  public String source() {
    return source;
  }

  public String durable() {
    return durable;
  }

  public String filterSubject() {
    return filterSubject;
  }

  public String deadLetterSubject() {
    return deadLetterSubject;
  }

  public int fetchBatch() {
    return fetchBatch;
  }

  public Duration fetchWait() {
    return fetchWait;
  }

  public Duration ackWait() {
    return ackWait;
  }

  public int maxDeliveries() {
    return maxDeliveries;
  }

  public long maxAckPending() {
    return maxAckPending;
  }

  /** How transactions are gathered into one target transaction. */
  public BatchLimits batch() {
    return batch;
  }

  /** What happens after a poison message went to the dead-letter subject. */
  public PoisonPolicy onPoison() {
    return onPoison;
  }

  public Backoff retry() {
    return retry;
  }

  /** The clock the retry deadline ({@link Backoff#maxElapsed()}) is measured on. */
  public Ticker ticker() {
    return ticker;
  }

  /** What waits between attempts. */
  public Sleeper sleeper() {
    return sleeper;
  }

  @Override
  public String toString() {
    return "ConsumerConfig[source="
        + source
        + ", stream="
        + stream.name()
        + ", durable="
        + durable
        + ", filter="
        + filterSubject
        + ", "
        + nats
        + "]";
  }

  /** Collects settings; {@link #build()} validates them. Not thread-safe. */
  public static final class Builder {
    private @Nullable NatsSettings nats;
    private @Nullable StreamSettings stream;
    private @Nullable StreamSettings deadLetterStream;
    private Subjects subjects = Subjects.defaults();
    private @Nullable String source;
    private String durable = "pgpipe-sink";
    private @Nullable String filterSubject;
    private @Nullable String deadLetterSubject;
    private int fetchBatch = 256;
    private BatchLimits batch = BatchLimits.DEFAULTS;
    private PoisonPolicy onPoison = PoisonPolicy.DEAD_LETTER;
    private Duration fetchWait = Duration.ofSeconds(1);
    private Duration ackWait = Duration.ofSeconds(60);
    private int maxDeliveries = 5;
    private long maxAckPending = 20_000;
    private Backoff retry = Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(10));
    private Ticker ticker = Ticker.SYSTEM;
    private Sleeper sleeper = Sleeper.SYSTEM;

    private Builder() {}

    public Builder nats(NatsSettings settings) {
      this.nats = settings;
      return this;
    }

    public Builder stream(StreamSettings settings) {
      this.stream = settings;
      return this;
    }

    public Builder deadLetterStream(StreamSettings settings) {
      this.deadLetterStream = settings;
      return this;
    }

    public Builder subjects(Subjects scheme) {
      this.subjects = scheme;
      return this;
    }

    public Builder source(String name) {
      this.source = name;
      return this;
    }

    /** The durable consumer's name (default {@code pgpipe-sink}); one name per sink process. */
    public Builder durable(String name) {
      this.durable = name;
      return this;
    }

    /**
     * A subject or wildcard under {@code <prefix>.<source>.}, e.g. {@code pgpipe.shop.public.*}.
     */
    public Builder filterSubject(String subject) {
      this.filterSubject = subject;
      return this;
    }

    public Builder deadLetterSubject(String subject) {
      this.deadLetterSubject = subject;
      return this;
    }

    public Builder fetchBatch(int messages) {
      this.fetchBatch = messages;
      return this;
    }

    public Builder fetchWait(Duration wait) {
      this.fetchWait = wait;
      return this;
    }

    public Builder ackWait(Duration wait) {
      this.ackWait = wait;
      return this;
    }

    public Builder maxDeliveries(int deliveries) {
      this.maxDeliveries = deliveries;
      return this;
    }

    public Builder maxAckPending(long messages) {
      this.maxAckPending = messages;
      return this;
    }

    /**
     * The wait after a failed transaction before it is redelivered, by its delivery count (200 ms
     * doubling to 10 s), and the backoff of dead-letter publishing; how often a transaction is
     * delivered is {@link #maxDeliveries(int)}'s business.
     */
    public Builder retry(Backoff policy) {
      this.retry = policy;
      return this;
    }

    /** How transactions are gathered into one target transaction ({@link BatchLimits#DEFAULTS}). */
    public Builder batch(BatchLimits limits) {
      this.batch = limits;
      return this;
    }

    /** After a poison message was dead-lettered: go on (the default) or stop. */
    public Builder onPoison(PoisonPolicy policy) {
      this.onPoison = policy;
      return this;
    }

    /** The clock retry deadlines are measured on ({@link Ticker#SYSTEM}; a fake one in tests). */
    public Builder ticker(Ticker clock) {
      this.ticker = clock;
      return this;
    }

    /** What waits between attempts ({@link Sleeper#SYSTEM}; a fake one in tests). */
    public Builder sleeper(Sleeper waits) {
      this.sleeper = waits;
      return this;
    }

    public ConsumerConfig build() {
      return new ConsumerConfig(this);
    }
  }
}
