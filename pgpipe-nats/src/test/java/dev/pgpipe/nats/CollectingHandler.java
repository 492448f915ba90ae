package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A handler that keeps every complete transaction it is given, as its events; an abort drops the
 * parts of the open one. Unlike a table sink, it skips nothing, so a transaction handed over twice
 * shows twice.
 */
final class CollectingHandler implements TransactionHandler {

  final List<ChangeEvent> open = new ArrayList<>();
  final List<List<ChangeEvent>> applied = new ArrayList<>();

  @Override
  public void accept(String source, Transaction part) {
    open.addAll(part.events());
    if (part.lastPart()) {
      applied.add(List.copyOf(open));
      open.clear();
    }
  }

  @Override
  public void abort() {
    open.clear();
  }

  /**
   * Polls {@code consumer} until it handed over {@code count} complete transactions, or sent a dead
   * letter; then asserts that it sent none and failed none.
   */
  void pollUntilApplied(TransactionConsumer consumer, int count) {
    Await.until(
        count + " transactions applied, or a dead letter",
        Duration.ofSeconds(30),
        () -> {
          consumer.poll();
          return applied.size() == count || consumer.stats().deadLetters() > 0;
        });
    assertThat(consumer.stats().deadLetters()).isZero();
    assertThat(consumer.stats().failures()).isZero();
  }
}
