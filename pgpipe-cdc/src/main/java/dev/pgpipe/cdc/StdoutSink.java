package dev.pgpipe.cdc;

import dev.pgpipe.cdc.json.EnvelopeCodec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Writes a {@link ChangeStream} as JSON lines ({@code ENVELOPE.md}): one transaction (or part) per
 * line, or one event per line. Lines are buffered and flushed when {@code batchSize} transactions
 * are waiting, when no more are ready, or after {@code batchTimeout}; a transaction is acknowledged
 * only after the flush that wrote its line returned. It counts what it wrote and what it
 * acknowledged, for callers that stop after so many transactions. Not thread-safe; one run at a
 * time.
 *
 * <pre>{@code
 * CdcConfig config = CdcConfig.fromEnvironment(System.getenv()).snapshot(SnapshotMode.NEVER).build();
 * long lines = StdoutSink.run(config, System.out, false, () -> false);
 * }</pre>
 */
public final class StdoutSink {

  private static final Duration IDLE_POLL = Duration.ofMillis(200);

  private final OutputStream out;
  private final boolean perEvent;
  private final Tuning tuning;
  private final LongSupplier clock;
  private final EnvelopeCodec codec = new EnvelopeCodec();
  private final List<Transaction> unflushed = new ArrayList<>();
  private long lines;
  private long written;
  private long parts;
  private long transactions;
  private long events;
  private long oldestNanos;

  /** A sink on {@code out}, timing its batches with {@link System#nanoTime()}. */
  public StdoutSink(OutputStream out, boolean perEvent, Tuning tuning) {
    this(out, perEvent, tuning, System::nanoTime);
  }

  /** A sink on {@code out} whose batch timeout is measured with {@code clock} (nanoseconds). */
  public StdoutSink(OutputStream out, boolean perEvent, Tuning tuning, LongSupplier clock) {
    this.out = new BufferedOutputStream(out, 1 << 16);
    this.perEvent = perEvent;
    this.tuning = tuning;
    this.clock = clock;
  }

  /**
   * Opens a stream for the config, writes it to {@code out} until it finishes ({@code
   * initial_only}) or {@code stop} says so, then closes it. Returns the number of lines written.
   *
   * @throws CdcException when the stream fails
   */
  public static long run(
      CdcConfig config, OutputStream out, boolean perEvent, BooleanSupplier stop) {
    try (ChangeStream stream = ChangeStream.open(config)) {
      return new StdoutSink(out, perEvent, config.tuning()).drain(stream, stop);
    }
  }

  /**
   * Writes until the stream finishes ({@code initial_only}) or {@code stop} returns true, then
   * flushes and acknowledges the rest. Returns the number of lines written.
   *
   * @throws UncheckedIOException when the output fails; what it held is not acknowledged
   */
  public long drain(ChangeStream stream, BooleanSupplier stop) {
    while (!stop.getAsBoolean() && !stream.isFinished()) {
      Transaction tx = stream.poll(unflushed.isEmpty() ? IDLE_POLL : Duration.ZERO);
      if (tx != null) {
        write(tx);
      }
      boolean due =
          !unflushed.isEmpty()
              && (tx == null
                  || unflushed.size() >= tuning.batchSize()
                  || clock.getAsLong() - oldestNanos >= tuning.batchTimeout().toNanos());
      if (due) {
        flush(stream);
      }
    }
    flush(stream);
    return lines;
  }

  private void write(Transaction tx) {
    try {
      if (perEvent) {
        for (ChangeEvent event : tx.events()) {
          codec.write(event, out);
          out.write('\n');
          lines++;
        }
      } else {
        codec.write(tx, out);
        out.write('\n');
        lines++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write change events", e);
    }
    written += tx.lastPart() ? 1 : 0;
    if (unflushed.isEmpty()) {
      oldestNanos = clock.getAsLong();
    }
    unflushed.add(tx);
  }

  private void flush(ChangeStream stream) {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot flush change events", e);
    }
    for (Transaction tx : unflushed) {
      stream.acknowledge(tx);
      parts++;
      transactions += tx.lastPart() ? 1 : 0;
      events += tx.size();
    }
    unflushed.clear();
  }

  /** Lines written so far (flushed or not). */
  public long lines() {
    return lines;
  }

  /** Whole transactions (last parts) written, flushed or not yet. */
  public long written() {
    return written;
  }

  /** Transactions and parts written, flushed and acknowledged. */
  public long parts() {
    return parts;
  }

  /** Whole transactions (last parts) written, flushed and acknowledged. */
  public long transactions() {
    return transactions;
  }

  /** Events in what was written, flushed and acknowledged. */
  public long events() {
    return events;
  }
}
