package dev.pgpipe.bench.replicate;

import java.util.Iterator;
import java.util.List;

/**
 * A workload of source transactions, each a list of {@link Change}s committed together. Planned on
 * the client, deterministic for its sizes and seed; the iterator is single use and not thread-safe.
 */
interface Workload {

  /** The name in the report: {@code oltp}, {@code bulk}, {@code upsert}. */
  String name();

  /** The transactions in commit order. */
  Iterator<List<Change>> transactions();
}
