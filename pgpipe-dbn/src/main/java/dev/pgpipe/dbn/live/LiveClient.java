package dev.pgpipe.dbn.live;

import dev.pgpipe.dbn.Dbn;
import dev.pgpipe.dbn.DbnDecoder;
import dev.pgpipe.dbn.DbnException;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.RType;
import dev.pgpipe.dbn.RecordRef;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A session with a Databento live gateway: subscribe, {@link #start()}, then call {@link #next()}
 * in a plain loop until it returns {@code null}.
 *
 * <pre>{@code
 * try (LiveClient client = LiveClient.builder().dataset("GLBX.MDP3").build()) {
 *   client.subscribe(Subscription.of(Schema.TRADES, SType.PARENT, "ES.FUT"));
 *   client.start();
 *   for (LiveEvent event = client.next(); event != null; event = client.next()) {
 *     switch (event) {
 *       case LiveEvent.Data d -> handle(d.record());
 *       case LiveEvent.Gap g -> log.warn("missed data after {}", g.lastTsEvent());
 *       default -> {}
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Reading happens inside {@link #next()}, on the caller's thread: while the application does not
 * ask for the next event nothing is read, the kernel's socket buffers fill and the gateway stops
 * sending. Memory stays flat whatever the rate.
 *
 * <p>Silence longer than the heartbeat interval + 5 s, a reset, or a close in the middle of a
 * record is a dropped connection: with {@link ReconnectPolicy#none()} {@link #next()} throws its
 * {@link LiveException}; otherwise the client reconnects after a backoff, authenticates,
 * resubscribes (without replay start, with the same snapshot flag), starts a new session and
 * returns a {@link LiveEvent.Gap} then a {@link LiveEvent.SessionStarted}. A graceful end of the
 * stream by the gateway ends the session: {@link #next()} returns {@code null}.
 *
 * <p>Threads: {@link #next()} from one thread at a time; {@link #close()} and {@link #subscribe}
 * from any thread; the counters from any thread.
 */
public final class LiveClient implements AutoCloseable {
  private static final Set<DbnException.Code> BROKEN_STREAM =
      EnumSet.of(DbnException.Code.TRUNCATED, DbnException.Code.IO, DbnException.Code.CORRUPT_ZSTD);

  private final LiveConfig config;
  private final ReentrantLock reading = new ReentrantLock();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private final ArrayDeque<LiveEvent> pending = new ArrayDeque<>();
  private volatile @Nullable Connection connection;
  private @Nullable DbnDecoder decoder;
  private volatile @Nullable Metadata metadata;
  private volatile boolean started;
  private volatile boolean closed;
  private boolean ended;
  private long lastTsEvent = Dbn.UNDEF_TIMESTAMP;
  private volatile long records;
  private volatile long earlierBytes;
  private volatile int reconnects;

  LiveClient(LiveConfig config) {
    this.config = config;
  }

  /** A builder; only the dataset is required. */
  public static LiveClientBuilder builder() {
    return new LiveClientBuilder();
  }

  /**
   * Adds a subscription: sent with the others by {@link #start()}, or at once when the session
   * already runs (then without a replay start, which the gateway honours only before the start).
   */
  public void subscribe(Subscription subscription) {
    synchronized (subscriptions) {
      if (started && subscription.start() != null) {
        throw new IllegalArgumentException(
            "a replay start is honoured only before start(): " + subscription.start());
      }
      subscriptions.add(subscription);
      Connection c = connection;
      if (c != null) {
        c.subscribe(subscriptions.size(), subscription, false);
      }
    }
  }

  /**
   * Connects, authenticates, sends the subscriptions and {@code start_session}, and reads the
   * stream's metadata; {@link #next()} then returns a {@link LiveEvent.SessionStarted} first.
   *
   * @throws LiveException if connecting, authenticating or reading the metadata fails (not retried)
   * @throws IllegalStateException if already started or without subscriptions
   */
  public void start() {
    synchronized (subscriptions) {
      if (started || closed) {
        throw new IllegalStateException(closed ? "the client is closed" : "already started");
      }
      if (subscriptions.isEmpty()) {
        throw new IllegalStateException("subscribe to something before start()");
      }
      started = true;
    }
    reading.lock();
    try {
      begin(Connection.open(config), true);
    } finally {
      reading.unlock();
    }
  }

  /** Sends the subscriptions and start_session on {@code c} and reads the metadata. */
  private void begin(Connection c, boolean withStart) {
    try {
      synchronized (subscriptions) {
        for (int i = 0; i < subscriptions.size(); i++) {
          c.subscribe(i + 1, subscriptions.get(i), withStart);
        }
        connection = c;
      }
      DbnDecoder d = c.startSession();
      Metadata m = d.metadata().orElseThrow();
      decoder = d;
      metadata = m;
      pending.add(new LiveEvent.SessionStarted(c.sessionId(), m));
    } catch (DbnException e) {
      c.close();
      throw classify(c, e);
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /**
   * The next record or event, blocking until one arrives; {@code null} once the gateway ended the
   * session or the client was closed.
   *
   * @throws LiveException when the connection is lost and not (or no longer) reconnected, or the
   *     stream is not valid DBN; later calls return {@code null}
   * @throws IllegalStateException before {@link #start()}
   */
  public @Nullable LiveEvent next() {
    if (!started) {
      throw new IllegalStateException("call start() before next()");
    }
    reading.lock();
    try {
      return read();
    } catch (RuntimeException e) {
      ended = true;
      release();
      throw e;
    } finally {
      if (closed) {
        release();
      }
      reading.unlock();
    }
  }

  private @Nullable LiveEvent read() {
    while (true) {
      LiveEvent queued = pending.poll();
      if (queued != null) {
        return queued;
      }
      DbnDecoder d = decoder;
      Connection c = connection;
      if (ended || closed || d == null || c == null) {
        return null;
      }
      try {
        if (d.next()) {
          return toEvent(d.record());
        }
        ended = true; // graceful end of the session
        release();
        return null;
      } catch (DbnException e) {
        if (closed) {
          return null;
        }
        LiveException lost = classify(c, e);
        release();
        recover(lost);
      }
    }
  }

  private LiveEvent toEvent(RecordRef ref) {
    records++;
    int rtype = ref.rtype();
    if (rtype != RType.SYSTEM && rtype != RType.ERROR) {
      lastTsEvent = ref.tsEvent();
    }
    return Events.of(ref.toRecord());
  }

  /** Tells a dropped connection from a stream that is not DBN. */
  private LiveException classify(Connection c, DbnException e) {
    WatchedInputStream in = c.input();
    IOException failure = in.failure();
    if (failure instanceof SilenceException silence) {
      return new LiveException(
          LiveException.Code.HEARTBEAT_TIMEOUT,
          c.gateway(),
          "no data or heartbeat for more than "
              + silence.limit().toSeconds()
              + " s (heartbeat interval + 5 s): the connection is dead",
          e);
    }
    if (failure != null || (in.sawEof() && BROKEN_STREAM.contains(e.code()))) {
      return new LiveException(
          LiveException.Code.CONNECTION_LOST,
          c.gateway(),
          failure != null
              ? "the connection broke: " + failure.getMessage()
              : "the gateway closed the connection in the middle of a record",
          e);
    }
    return new LiveException(
        LiveException.Code.DECODE,
        c.gateway(),
        "the gateway's stream is not valid DBN after " + in.bytes() + " bytes: " + e.getMessage(),
        e);
  }

  /** Reconnects as the policy says, queueing the gap; throws when it cannot. */
  private void recover(LiveException lost) {
    ReconnectPolicy policy = config.reconnect();
    if (!policy.enabled() || !lost.code().retryable()) {
      throw lost;
    }
    LiveException last = lost;
    long droppedAt = config.ticker().getAsLong();
    int attempt = 1;
    for (; attempt <= policy.maxAttempts() && !closed; attempt++) {
      pause(policy, attempt, lost);
      if (policy.expired(config.ticker().getAsLong() - droppedAt)) {
        break;
      }
      try {
        begin(Connection.open(config), false);
        reconnects++;
        Metadata m = metadata;
        long resumedAt = m != null ? m.start() : Dbn.UNDEF_TIMESTAMP;
        pending.addFirst(new LiveEvent.Gap(lastTsEvent, resumedAt, attempt, lost));
        return;
      } catch (LiveException e) {
        if (!e.code().retryable()) {
          throw e;
        }
        last = e;
      }
    }
    if (closed) {
      return;
    }
    throw new LiveException(
        last.code(),
        last.gateway(),
        "gave up reconnecting after " + (attempt - 1) + " attempts: " + last.getMessage(),
        last);
  }

  private void pause(ReconnectPolicy policy, int attempt, LiveException lost) {
    try {
      config.sleeper().sleep(policy.delayAfter(attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LiveException(
          lost.code(), lost.gateway(), "interrupted while waiting to reconnect", lost);
    }
  }

  /** Closes the current connection and its decoder; called by the reading thread. */
  private void release() {
    Connection c = connection;
    DbnDecoder d = decoder;
    connection = null;
    decoder = null;
    if (c != null) {
      earlierBytes += c.input().bytes();
      c.close();
    }
    if (d != null) {
      try {
        d.close();
      } catch (DbnException e) {
        // the socket is closed already; nothing is left to release
      }
    }
  }

  /** The current session's metadata, once started. */
  public Optional<Metadata> metadata() {
    return Optional.ofNullable(metadata);
  }

  /** The current session's id, while connected. */
  public Optional<String> sessionId() {
    Connection c = connection;
    return c == null ? Optional.empty() : Optional.of(c.sessionId());
  }

  /** Records received so far, system and error records included, across reconnections. */
  public long recordsReceived() {
    return records;
  }

  /** Bytes read from the gateway so far (compressed bytes when compressed), all connections. */
  public long bytesReceived() {
    Connection c = connection;
    return earlierBytes + (c != null ? c.input().bytes() : 0);
  }

  /** Successful reconnections so far. */
  public int reconnects() {
    return reconnects;
  }

  /**
   * Ends the session: closes the connection, so a {@link #next()} blocked in another thread returns
   * {@code null}. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    Connection c = connection;
    if (c != null) {
      c.close();
    }
    if (reading.tryLock()) {
      try {
        release();
      } finally {
        reading.unlock();
      }
    }
  }

  @Override
  public String toString() {
    return "LiveClient("
        + config.dataset()
        + " via "
        + config.gateway()
        + ", key ..."
        + config.apiKey().suffix()
        + ")";
  }
}
