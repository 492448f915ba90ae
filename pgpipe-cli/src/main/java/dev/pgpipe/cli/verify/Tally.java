package dev.pgpipe.cli.verify;

import dev.pgpipe.sink.verify.TableComparison;
import dev.pgpipe.sink.verify.TableComparison.Status;
import java.util.List;

/** How many tables came out equal, different (or missing) and skipped. */
record Tally(long tables, long equal, long different, long skipped) {

  static Tally of(List<TableComparison> results) {
    long equal = results.stream().filter(r -> r.status() == Status.EQUAL).count();
    long different = results.stream().filter(TableComparison::differs).count();
    return new Tally(results.size(), equal, different, results.size() - equal - different);
  }
}
