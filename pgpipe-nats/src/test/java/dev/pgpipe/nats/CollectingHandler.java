package dev.pgpipe.nats;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Transaction;
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
}
