package dev.pgpipe.cli.cdc;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.Tuning;
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
 * Writes a {@link ChangeStream} as JSON envelope lines, with the contract of {@link
 * dev.pgpipe.cdc.StdoutSink}: lines are flushed when {@code batchSize} transactions wait, when no
 * more are ready, or {@code batchTimeout} after the oldest unflushed one, and a transaction is
 * acknowledged only after the flush that wrote its line returned. Unlike {@code StdoutSink} it
 * counts what it wrote, which {@code --max-transactions} and {@code --idle-exit} need (the stream's
 * own counters include transactions still queued). Not thread-safe.
 */
final class EnvelopeLines {

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

  EnvelopeLines(OutputStream out, boolean perEvent, Tuning tuning, LongSupplier clock) {
    this.out = new BufferedOutputStream(out, 1 << 16);
    this.perEvent = perEvent;
    this.tuning = tuning;
    this.clock = clock;
  }

  /**
   * Writes until the stream finishes ({@code initial_only}) or {@code stop} returns true, then
   * flushes and acknowledges the rest. Returns the number of lines written.
   *
   * @throws UncheckedIOException when the output fails; what it held is not acknowledged
   */
  long drain(ChangeStream stream, BooleanSupplier stop) {
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
  long lines() {
    return lines;
  }

  /** Whole transactions (last parts) written, flushed or not yet. */
  long written() {
    return written;
  }

  /** Transactions and parts written, flushed and acknowledged. */
  long parts() {
    return parts;
  }

  /** Whole transactions (last parts) written, flushed and acknowledged. */
  long transactions() {
    return transactions;
  }

  /** Events in what was written, flushed and acknowledged. */
  long events() {
    return events;
  }
}
