package dev.pgpipe.cdc;

import dev.pgpipe.client.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one loop every long-running change path runs: poll a {@link TransactionSource}, gather a
 * batch, hand it to a {@link TransactionSink} that makes it durable, and only then acknowledge it
 * to the source.
 *
 * <pre>{@code
 * try (ChangeStream stream = ChangeStream.open(config)) {
 *   DrainLoop loop = DrainLoop.builder(stream, sink).batchEvents(1000).build();
 *   Outcome<DrainStats> result = loop.run(); // until the stop rules, stop(), or the source finishes
 * }
 * }</pre>
 *
 * <p>A batch is written when it holds {@code batchParts} transactions (or parts), {@code
 * batchEvents} events or {@code batchBytes} bytes ({@link EventBytes}' estimate), when its first
 * transaction waited {@code flushInterval}, or as soon as the source has nothing ready and no
 * {@linkplain TransactionSource#hasBacklog() backlog} (it polls with {@code lingerPoll} while a
 * batch is open, {@code idlePoll} while none is). So a loop that is catching up fills its batches
 * to the limits, and one that is caught up writes each transaction as soon as the source has no
 * other ready: the batch is then what came while the previous one was written. Before each poll it
 * asks its {@link StopRules} (with the whole transactions and the parts polled so far) and whether
 * {@link #stop()} was called, its thread was interrupted, or the source finished; then it writes
 * and acknowledges what it polled and returns the reason. An interrupt is a stop request: it is
 * honoured by returning {@link StopReason#INTERRUPTED}, and cleared, so that the last write and the
 * caller's clean-up (closing the source, confirming positions) are not cut short by it. That last
 * write may take as long as the sink's own retries; another interrupt ends it with a failure. A
 * transaction is acknowledged only after the {@code write} holding it returned; when a write
 * throws, {@link #run()} throws it and acknowledges nothing of that batch (the source hands it out
 * again after a restart). Time is read from the injected {@link Ticker} (intervals) and {@link
 * Clock} (lag). One thread runs it; {@link #stop()} and {@link #stats()} may be called from any.
 */
public final class DrainLoop implements Job<DrainStats> {

  /**
   * How long, at most, the loop waits for a next transaction while the source has a backlog and a
   * batch is filling (unless {@code lingerPoll} is longer). Catching up, the next transaction is
   * ready within microseconds; a caught-up source's reader still reports a backlog for a moment
   * after each transaction, until it finds nothing more, so the wait ends as soon as the backlog
   * does (it is polled in {@link #BACKLOG_SLICE}s): a transaction that came alone is not kept
   * waiting the whole of it.
   */
  static final Duration BACKLOG_POLL = Duration.ofMillis(1);

  /** The part of {@link #BACKLOG_POLL} after which the loop looks again for the backlog's end. */
  static final Duration BACKLOG_SLICE = Duration.ofNanos(100_000);

  private final TransactionSource source;
  private final TransactionSink sink;
  private final Builder settings;
  private final StopRules rules;
  private final DrainCounters counters;
  private final DrainMeters meters;
  private final List<Transaction> batch = new ArrayList<>();
  private volatile boolean stopRequested;
  private long batchEvents;
  private long batchBytes;
  private long batchStart;
  private long polledTransactions;
  private long polledParts;

  private DrainLoop(Builder builder) {
    this.source = builder.source;
    this.sink = builder.sink;
    this.settings = builder;
    this.rules =
        builder.rules != null ? builder.rules : StopRules.onRequest(() -> false, builder.ticker);
    this.counters = new DrainCounters();
    this.meters = new DrainMeters(builder.registry, builder.tags, builder.clock, builder.source);
  }

  /** A loop from {@code source} into {@code sink}; see the setters for the defaults. */
  public static Builder builder(TransactionSource source, TransactionSink sink) {
    return new Builder(source, sink);
  }

  /**
   * Drains until a stop rule holds, {@link #stop()} is called, its thread is interrupted (the
   * interrupt is then cleared: see the class comment) or the source finishes; writes and
   * acknowledges what it polled, then returns why it stopped.
   *
   * @throws RuntimeException what the source or the sink failed with (nothing unwritten is
   *     acknowledged)
   */
  @Override
  public Outcome<DrainStats> run() {
    try {
      return drain();
    } finally {
      meters.close();
    }
  }

  private Outcome<DrainStats> drain() {
    StopReason reason;
    while ((reason = stopReason()) == null) {
      Transaction tx = poll();
      long now = settings.ticker.nanoTime();
      if (tx != null) {
        add(tx, now);
      }
      boolean drained = tx == null && !source.hasBacklog();
      boolean due = drained || full() || now - batchStart >= interval();
      if (!batch.isEmpty() && due && !Thread.currentThread().isInterrupted()) {
        flush();
      }
    }
    // an interrupt is honoured by the last write: it must not fail for it, and if it fails anyway
    // the interrupt is put back, so that a caller that retries still sees the request
    boolean interrupted = reason == StopReason.INTERRUPTED && Thread.interrupted();
    try {
      flush();
    } catch (RuntimeException | Error e) {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      throw e;
    }
    if (reason == StopReason.FINISHED) {
      source.poll(Duration.ZERO); // a source that finished because it failed throws here
    }
    return new Outcome<>(reason, stats());
  }

  /**
   * The next transaction, or null when none came. Idle, it waits {@code idlePoll}; filling a batch,
   * {@code lingerPoll}; on a backlog, up to {@link #BACKLOG_POLL} if that is longer, ending when
   * the backlog does (but not before {@code lingerPoll}).
   */
  private @Nullable Transaction poll() {
    if (batch.isEmpty()) {
      return source.poll(settings.idlePoll);
    }
    if (!source.hasBacklog() || settings.lingerPoll.compareTo(BACKLOG_POLL) >= 0) {
      return source.poll(settings.lingerPoll);
    }
    for (Duration waited = Duration.ZERO;
        waited.compareTo(BACKLOG_POLL) < 0;
        waited = waited.plus(BACKLOG_SLICE)) {
      Transaction tx = source.poll(BACKLOG_SLICE);
      if (tx != null) {
        return tx;
      }
      if (!source.hasBacklog()) {
        Duration rest = settings.lingerPoll.minus(waited.plus(BACKLOG_SLICE));
        return rest.isNegative() || rest.isZero() ? null : source.poll(rest);
      }
    }
    return null;
  }

  private @Nullable StopReason stopReason() {
    if (stopRequested || Thread.currentThread().isInterrupted()) {
      return StopReason.INTERRUPTED;
    }
    if (rules.stop(polledTransactions, polledParts)) {
      return rules.reason();
    }
    return source.isFinished() ? StopReason.FINISHED : null;
  }

  private void add(Transaction tx, long now) {
    if (batch.isEmpty()) {
      batchStart = now;
    }
    batch.add(tx);
    meters.polled(tx);
    batchEvents += tx.size();
    batchBytes += settings.batchBytes == Long.MAX_VALUE ? 0 : EventBytes.of(tx);
    polledParts++;
    polledTransactions += tx.lastPart() ? 1 : 0;
  }

  private boolean full() {
    return batch.size() >= settings.batchParts
        || batchEvents >= settings.batchEvents
        || batchBytes >= settings.batchBytes;
  }

  private long interval() {
    return settings.flushInterval.toNanos();
  }

  private void flush() {
    if (batch.isEmpty()) {
      return;
    }
    List<Transaction> written = List.copyOf(batch);
    long started = settings.ticker.nanoTime();
    sink.write(written);
    long took = settings.ticker.nanoTime() - started;
    written.forEach(source::acknowledge);
    counters.add(written);
    meters.written(written, took);
    batch.clear();
    batchEvents = 0;
    batchBytes = 0;
  }

  /**
   * Asks the loop to stop: it writes and acknowledges what it polled, then {@link #run()} returns
   * with {@link StopReason#INTERRUPTED}. Thread-safe, idempotent.
   */
  @Override
  public void stop() {
    stopRequested = true;
  }

  /** What was written and acknowledged so far. Thread-safe. */
  @Override
  public DrainStats stats() {
    return counters.snapshot(meters.lag());
  }

  /** Batch limits, stop rules and time of a {@link DrainLoop}; not thread-safe. */
  public static final class Builder {
    private final TransactionSource source;
    private final TransactionSink sink;
    private int batchParts = Integer.MAX_VALUE;
    private long batchEvents = Long.MAX_VALUE;
    private long batchBytes = Long.MAX_VALUE;
    private Duration flushInterval = Duration.ofSeconds(1);
    private Duration idlePoll = Duration.ofMillis(200);
    private Duration lingerPoll = Duration.ZERO;
    private @Nullable StopRules rules;
    private Ticker ticker = Ticker.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private MeterRegistry registry = Metrics.globalRegistry;
    private Tags tags;

    private Builder(TransactionSource source, TransactionSink sink) {
      this.source = source;
      this.sink = sink;
      this.tags =
          source instanceof ChangeStream stream
              ? Tags.of("slot", stream.config().slot())
              : Tags.empty();
    }

    /** Write once a batch holds this many transactions or parts (default: no limit). */
    public Builder batchParts(int parts) {
      this.batchParts = (int) positive("batchParts", parts);
      return this;
    }

    /** Write once a batch holds this many events (default: no limit). */
    public Builder batchEvents(long events) {
      this.batchEvents = positive("batchEvents", events);
      return this;
    }

    /** Write once a batch holds about this many bytes of events (default: no limit). */
    public Builder batchBytes(long bytes) {
      this.batchBytes = positive("batchBytes", bytes);
      return this;
    }

    /** Write a batch at the latest this long after its first transaction came (default 1 s). */
    public Builder flushInterval(Duration interval) {
      this.flushInterval = notNegative("flushInterval", interval);
      return this;
    }

    /**
     * How long a poll waits: {@code idle} while no batch is open (default 200 ms), {@code linger}
     * while one is (default 0: write as soon as the source has nothing ready).
     */
    public Builder pollTimeouts(Duration idle, Duration linger) {
      this.idlePoll = notNegative("idle poll", idle);
      this.lingerPoll = notNegative("linger poll", linger);
      return this;
    }

    /** When to stop by itself (default: only on {@link DrainLoop#stop()}). */
    public Builder stopRules(StopRules rules) {
      this.rules = rules;
      return this;
    }

    /** The clock of flush intervals (default {@link Ticker#SYSTEM}). */
    public Builder ticker(Ticker ticker) {
      this.ticker = ticker;
      return this;
    }

    /** The wall clock the lag is measured with (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Where the loop's meters go ({@code pgpipe_cdc_*}, see docs/METRICS.md) and the labels they
     * carry (e.g. {@code slot}); default Micrometer's global registry, which measures nothing until
     * a registry is added to it (the command line adds one for {@code --metrics-port}).
     */
    public Builder meters(MeterRegistry registry, Tags tags) {
      this.registry = registry;
      this.tags = tags;
      return this;
    }

    public DrainLoop build() {
      return new DrainLoop(this);
    }

    private static long positive(String name, long value) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be > 0: " + value);
      }
      return value;
    }

    private static Duration notNegative(String name, Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must be >= 0: " + value);
      }
      return value;
    }
  }
}
