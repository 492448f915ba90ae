package dev.pgpipe.nats;

import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.sink.TableSink;
import java.util.List;

/**
 * Feeds a {@link TableSink}: each part (chunk) is applied in its own target transaction together
 * with the sink's ledger, so a part is durable when {@link #accept} returns and a redelivered one
 * is skipped (exactly once). {@link #abort()} has nothing to undo: applied parts stay, and their
 * redelivery is a no-op. A transaction sent in several chunks is therefore not applied atomically:
 * the target may show a prefix of it between two chunks. The ledger assumes commit order per source
 * id: give each consumer with its own subject filter its own sink source id (e.g. {@code
 * <source>-<durable>}). A transaction the sink cannot apply (the target unreachable, a table
 * missing) is never dead-lettered: it is delivered again until the target takes it. Thread-safe as
 * the sink is.
 *
 * <pre>{@code
 * try (TableSink sink = TableSink.open(sinkConfig)) {
 *   TransactionConsumer.run(consumerConfig, new TableSinkHandler(sink), stop);
 * }
 * }</pre>
 */
public final class TableSinkHandler implements TransactionHandler {

  private final TableSink sink;

  public TableSinkHandler(TableSink sink) {
    this.sink = sink;
  }

  @Override
  public void accept(String source, Transaction part) {
    sink.apply(List.of(part));
  }

  @Override
  public void abort() {
    // every accepted part is committed with its ledger position: nothing to discard
  }

  /** The sink dead-letters the rows the target refuses; any other failure waits for a fix. */
  @Override
  public boolean deadLettersFailedTransactions() {
    return false;
  }
}
