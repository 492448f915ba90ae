package dev.pgpipe.nats;

import dev.pgpipe.client.Backoff;
import dev.pgpipe.client.Sleeper;
import dev.pgpipe.client.Ticker;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link TransactionPublisher} needs: how to reach NATS, the stream, the subject
 * prefix, the source name (one publisher per source name: it is part of every subject and message
 * id), the chunk size limit (1 MiB by default, never more than the server's {@code max_payload}
 * minus room for headers), the window of publishes in flight (count and bytes), how long to wait
 * for a publish acknowledgement, and the backoff between retries while NATS is unreachable. Built
 * once, then immutable.
 */
public final class PublisherConfig {

  /**
   * 256 messages in flight: at a loopback round trip of about a millisecond that allows well over
   * 100,000 messages/s, far more than one slot delivers, while a retry after a failure sends at
   * most 256 messages again.
   */
  public static final int DEFAULT_WINDOW_MESSAGES = 256;

  /** 4 MiB in flight: half the client's reconnect buffer, so a disconnection never overflows it. */
  public static final long DEFAULT_WINDOW_BYTES = 4L * 1024 * 1024;

  /** Room left in a message for headers. */
  static final int HEADER_ROOM = 8 * 1024;

  private final NatsSettings nats;
  private final StreamSettings stream;
  private final Subjects subjects;
  private final String source;
  private final int maxChunkBytes;
  private final Duration publishTimeout;
  private final PublishWindow.Limits window;
  private final Backoff retry;
  private final Ticker ticker;
  private final Sleeper sleeper;

  private PublisherConfig(Builder b) {
    this.nats = Objects.requireNonNull(b.nats, "nats settings are required");
    this.subjects = b.subjects;
    this.stream =
        b.stream != null
            ? b.stream
            : StreamSettings.defaults(StreamSettings.DEFAULT_NAME, b.subjects.prefix());
    this.source = Subjects.checkSource(Objects.requireNonNull(b.source, "a source name is needed"));
    if (b.maxChunkBytes < 4096) {
      throw new IllegalArgumentException("maxChunkBytes must be >= 4096: " + b.maxChunkBytes);
    }
    this.maxChunkBytes = b.maxChunkBytes;
    if (b.publishTimeout.isNegative() || b.publishTimeout.isZero()) {
      throw new IllegalArgumentException("publishTimeout must be > 0: " + b.publishTimeout);
    }
    this.publishTimeout = b.publishTimeout;
    this.window = new PublishWindow.Limits(b.windowMessages, b.windowBytes);
    this.retry = b.retry;
    this.ticker = b.ticker;
    this.sleeper = b.sleeper;
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

  public Subjects subjects() {
    return subjects;
  }

  public String source() {
    return source;
  }

  public int maxChunkBytes() {
    return maxChunkBytes;
  }

  public Duration publishTimeout() {
    return publishTimeout;
  }

  /** How many messages may be published and not yet acknowledged at once. */
  public int windowMessages() {
    return window.messages();
  }

  /** How many payload bytes may be published and not yet acknowledged at once. */
  public long windowBytes() {
    return window.bytes();
  }

  PublishWindow.Limits window() {
    return window;
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
    return "PublisherConfig[source="
        + source
        + ", stream="
        + stream.name()
        + ", prefix="
        + subjects.prefix()
        + ", "
        + nats
        + "]";
  }

  /** Collects settings; {@link #build()} validates them. Not thread-safe. */
  public static final class Builder {
    private @Nullable NatsSettings nats;
    private @Nullable StreamSettings stream;
    private Subjects subjects = Subjects.defaults();
    private @Nullable String source;
    private int maxChunkBytes = 1024 * 1024;
    private Duration publishTimeout = Duration.ofSeconds(5);
    private int windowMessages = DEFAULT_WINDOW_MESSAGES;
    private long windowBytes = DEFAULT_WINDOW_BYTES;
    private Backoff retry = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(5));
    private Ticker ticker = Ticker.SYSTEM;
    private Sleeper sleeper = Sleeper.SYSTEM;

    private Builder() {}

    public Builder nats(NatsSettings settings) {
      this.nats = settings;
      return this;
    }

    /** The stream; default {@link StreamSettings#defaults()} (over the subject prefix). */
    public Builder stream(StreamSettings settings) {
      this.stream = settings;
      return this;
    }

    public Builder subjects(Subjects scheme) {
      this.subjects = scheme;
      return this;
    }

    /** The source name in subjects and message ids, e.g. the source database's name. */
    public Builder source(String name) {
      this.source = name;
      return this;
    }

    public Builder maxChunkBytes(int bytes) {
      this.maxChunkBytes = bytes;
      return this;
    }

    /**
     * The window of publishes in flight: at most {@code messages} messages and {@code bytes}
     * payload bytes unacknowledged at once (default 256 and 4 MiB; a message larger than the byte
     * limit goes alone). 1 publishes one message at a time.
     */
    public Builder window(int messages, long bytes) {
      this.windowMessages = messages;
      this.windowBytes = bytes;
      return this;
    }

    public Builder publishTimeout(Duration timeout) {
      this.publishTimeout = timeout;
      return this;
    }

    /**
     * Backoff between attempts while NATS is unreachable (100 ms doubling to 5 s, no jitter, until
     * stored; an attempt limit or deadline makes publishing fail instead).
     */
    public Builder retry(Backoff policy) {
      this.retry = policy;
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

    public PublisherConfig build() {
      return new PublisherConfig(this);
    }
  }
}
