package dev.pgpipe.nats;

import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.TransactionSink;
import java.util.List;

/**
 * Feeds a {@link TransactionSink} (the table sink, the buffer, your own). A batch of whole
 * transactions ({@link #acceptAll}) is one {@code write}: the table sink applies it in one target
 * transaction with its ledger. A transaction sent in several chunks is written chunk by chunk as it
 * comes ({@link #accept}), so that memory stays bounded: it is therefore not written atomically,
 * the target may show a prefix of it between two chunks, and the sink must take a redelivered part
 * again without harm (the table sink's ledger skips it: exactly once). {@link #abort()} has nothing
 * to undo. With the table sink, give each consumer with its own subject filter its own sink source
 * id (e.g. {@code <source>-<durable>}): the ledger assumes commit order per source id. Thread-safe
 * as the sink is.
 *
 * <pre>{@code
 * try (TableSink sink = TableSink.open(sinkConfig)) {
 *   TransactionConsumer.run(consumerConfig, new TransactionSinkHandler(sink, false), stop);
 * }
 * }</pre>
 */
public final class TransactionSinkHandler implements TransactionHandler {

  private final TransactionSink sink;
  private final boolean deadLetterFailures;

  /**
   * @param deadLetterFailures whether a transaction the sink refused {@code maxDeliveries} times
   *     goes to the dead-letter subject; false for a sink that sets aside the rows it refuses
   *     itself (the table sink), so that what still fails (the target unreachable, a table missing)
   *     is delivered again until the target takes it
   */
  public TransactionSinkHandler(TransactionSink sink, boolean deadLetterFailures) {
    this.sink = sink;
    this.deadLetterFailures = deadLetterFailures;
  }

  @Override
  public void accept(String source, Transaction part) {
    sink.write(List.of(part));
  }

  @Override
  public void acceptAll(String source, List<Transaction> parts) {
    sink.write(parts);
  }

  @Override
  public void abort() {
    // every accepted part was written on its own: nothing to discard
  }

  @Override
  public boolean deadLettersFailedTransactions() {
    return deadLetterFailures;
  }
}
