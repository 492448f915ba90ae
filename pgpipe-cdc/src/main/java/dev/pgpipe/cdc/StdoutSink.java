package dev.pgpipe.cdc;

import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.client.Ticker;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Writes transactions as JSON lines ({@code ENVELOPE.md}): one transaction (or part) per line, or
 * one event per line. {@link #write} returns after the lines of the batch were written and the
 * output flushed, so a {@link DrainLoop} acknowledges a transaction only after the flush that wrote
 * its line returned. Counts the lines it wrote. Not thread-safe; one loop at a time.
 *
 * <pre>{@code
 * CdcConfig config = CdcConfig.fromEnvironment(System.getenv()).snapshot(SnapshotMode.NEVER).build();
 * long lines = StdoutSink.run(config, System.out, false, () -> false);
 * }</pre>
 */
public final class StdoutSink implements TransactionSink {

  private final OutputStream out;
  private final boolean perEvent;
  private final EnvelopeCodec codec = new EnvelopeCodec();
  private long lines;

  /** A sink on {@code out}: a line per transaction, or per event with {@code perEvent}. */
  public StdoutSink(OutputStream out, boolean perEvent) {
    this.out = new BufferedOutputStream(out, 1 << 16);
    this.perEvent = perEvent;
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
      return new StdoutSink(out, perEvent).drain(stream, config.tuning(), stop);
    }
  }

  /**
   * Writes {@code source} until it finishes or {@code stop} returns true, in batches of {@link
   * Tuning#batchSize()} transactions or {@link Tuning#batchTimeout()}, then flushes and
   * acknowledges the rest. Returns the number of lines written.
   *
   * @throws UncheckedIOException when the output fails; what it held is not acknowledged
   */
  public long drain(TransactionSource source, Tuning tuning, BooleanSupplier stop) {
    loop(source, tuning).stopRules(StopRules.onRequest(stop, Ticker.SYSTEM)).build().run();
    return lines;
  }

  /** A loop from {@code source} into this sink, batched as {@code tuning} says. */
  public DrainLoop.Builder loop(TransactionSource source, Tuning tuning) {
    return DrainLoop.builder(source, this)
        .batchParts(tuning.batchSize())
        .flushInterval(tuning.batchTimeout());
  }

  /**
   * Writes the lines of {@code batch} and flushes the output.
   *
   * @throws UncheckedIOException when the output fails
   */
  @Override
  public void write(List<Transaction> batch) {
    try {
      for (Transaction tx : batch) {
        if (perEvent) {
          for (ChangeEvent event : tx.events()) {
            line(event);
          }
        } else {
          line(tx);
        }
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write change events to the output", e);
    }
  }

  private void line(ChangeEvent event) throws IOException {
    codec.write(event, out);
    out.write('\n');
    lines++;
  }

  private void line(Transaction tx) throws IOException {
    codec.write(tx, out);
    out.write('\n');
    lines++;
  }

  /** Lines written so far. */
  public long lines() {
    return lines;
  }
}
