package dev.pgpipe.copy;

import java.util.List;

/**
 * What loading one batch did.
 *
 * @param rows rows now in the table (or staged and merged)
 * @param alreadyLoaded whether the ledger showed the batch loaded before, so nothing was written
 * @param rejected rows the server refused, isolated by bisection
 */
record LoadOutcome<T>(long rows, boolean alreadyLoaded, List<Rejected<T>> rejected) {

  LoadOutcome {
    rejected = List.copyOf(rejected);
  }
}
