package dev.pgpipe.sink;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * The log lines about what one target transaction did to the target (a table paused, created,
 * altered or renamed, a rename left undone, a table emptied for a snapshot retake), held until it
 * commits: a transaction rolled back and applied again (a first attempt the target refused, a
 * deadlock, a lost connection) would otherwise report, once per attempt, changes of which only the
 * last attempt's stay. Lines of an attempt that did not commit are never written; those of an
 * attempt whose COMMIT's outcome was unknown are written once the ledger shows it committed ({@link
 * TableSink}). A batch applied inside a transaction of the caller's, which it joins, writes them
 * when its own part ends, before the caller commits (or rolls back). Not thread-safe: one
 * transaction's.
 */
final class CommitNotices {

  private record Line(Logger log, Level level, String format, Object[] arguments) {}

  private final List<Line> lines = new ArrayList<>();

  /** Logs {@code format} with {@code arguments} at INFO once the transaction has committed. */
  void info(Logger log, String format, Object... arguments) {
    lines.add(new Line(log, Level.INFO, format, arguments));
  }

  /** Logs {@code format} with {@code arguments} at WARN once the transaction has committed. */
  void warn(Logger log, String format, Object... arguments) {
    lines.add(new Line(log, Level.WARN, format, arguments));
  }

  /** The transaction committed: writes its lines, in the order they were added. */
  void committed() {
    for (Line line : lines) {
      line.log().atLevel(line.level()).log(line.format(), line.arguments());
    }
    lines.clear();
  }
}
