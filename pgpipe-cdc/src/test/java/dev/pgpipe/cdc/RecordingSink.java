package dev.pgpipe.cdc;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TransactionSink} that holds what it was given, skipping what it already holds (by end
 * LSN, as a ledger does), and logs each transaction once its write returned. Set {@link #failAfter}
 * to make the next write keep that many transactions of its batch and then throw.
 */
final class RecordingSink implements TransactionSink {

  private final List<String> log;
  final List<List<Transaction>> batches = new ArrayList<>();
  final List<Transaction> held = new ArrayList<>();
  int failAfter = -1;
  Runnable onWrite = () -> {};

  RecordingSink(List<String> log) {
    this.log = log;
  }

  @Override
  public void write(List<Transaction> batch) {
    onWrite.run();
    batches.add(batch);
    int kept = 0;
    for (Transaction tx : batch) {
      if (kept == failAfter) {
        failAfter = -1;
        throw new IllegalStateException("target unreachable after " + kept + " transactions");
      }
      long last = held.isEmpty() ? 0 : held.getLast().endLsn();
      if (tx.endLsn() > last) {
        held.add(tx);
      }
      kept++;
    }
    batch.forEach(tx -> log.add("wrote " + tx.endLsn()));
  }
}
