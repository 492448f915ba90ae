package dev.pgpipe.sink.verify;

import static dev.pgpipe.sink.verify.Difference.EXACT_KEYS;

import dev.pgpipe.sink.verify.Difference.Kind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Compares one table with a primary key, chunk by chunk.
 *
 * <p>The source's keys are walked in order and every {@code chunkRows}-th becomes a chunk's upper
 * bound (the last chunk is open above, so target rows past the source's last key are in it). Each
 * chunk's {@link Summary} is read on both sides; where they differ the range is halved at the
 * middle key of the side with more rows there, and each half whose summaries differ is halved
 * again, until one side has no rows in it (a run of missing or extra rows) or both have at most
 * {@link Difference#EXACT_KEYS} (compared key by key). Every query reads at most one chunk of one
 * side, and what is held in memory is one such small range's keys and the runs found.
 */
final class KeyedComparison {

  private final Side source;
  private final Side target;
  private final int chunkRows;
  private final Runs runs;
  private long sourceRows;
  private long targetRows;

  KeyedComparison(Side source, Side target, int chunkRows, Runs runs) {
    this.source = source;
    this.target = target;
    this.chunkRows = chunkRows;
    this.runs = runs;
  }

  /** Walks every chunk; then {@link #sourceRows()} and {@link #targetRows()} are the totals. */
  void run() {
    @Nullable Key lower = null;
    while (true) {
      Optional<Key> upper = source.keyAt(new Range(lower, null), chunkRows - 1L);
      Range chunk = new Range(lower, upper.orElse(null));
      Summary s = source.summary(chunk);
      Summary t = target.summary(chunk);
      sourceRows += s.rows();
      targetRows += t.rows();
      compare(chunk, s, t);
      if (upper.isEmpty()) {
        return;
      }
      lower = upper.get();
    }
  }

  long sourceRows() {
    return sourceRows;
  }

  long targetRows() {
    return targetRows;
  }

  private void compare(Range range, Summary s, Summary t) {
    if (s.equals(t)) {
      if (!s.empty()) {
        runs.sourceRowsPresent();
        runs.targetRowsPresent();
      }
    } else if (t.empty()) {
      oneSided(Kind.MISSING, source, range, s.rows());
    } else if (s.empty()) {
      oneSided(Kind.EXTRA, target, range, t.rows());
    } else if (s.rows() <= EXACT_KEYS && t.rows() <= EXACT_KEYS) {
      keyByKey(range);
    } else if (!runs.narrowing()) {
      Key first = source.keyAt(range, 0).orElseThrow();
      Key last = source.lastKey(range).orElseThrow();
      runs.add(new Difference(Kind.MIXED, first, last, s.rows(), t.rows(), List.of()));
    } else {
      halve(range, s, t);
    }
  }

  private void halve(Range range, Summary s, Summary t) {
    Side bigger = s.rows() >= t.rows() ? source : target;
    long rows = Math.max(s.rows(), t.rows());
    Key middle = bigger.keyAt(range, rows / 2 - 1).orElseThrow();
    Range left = new Range(range.lower(), middle);
    Summary sourceLeft = source.summary(left);
    Summary targetLeft = target.summary(left);
    long biggerLeft = bigger == source ? sourceLeft.rows() : targetLeft.rows();
    if (biggerLeft != rows / 2) {
      throw new IllegalStateException(
          "the key order of the range's rows differs from the order of their key comparisons ("
              + biggerLeft
              + " rows up to "
              + middle
              + ", expected "
              + rows / 2
              + "): does a key column's collation differ?");
    }
    compare(left, sourceLeft, targetLeft);
    compare(new Range(middle, range.upper()), s.minus(sourceLeft), t.minus(targetLeft));
  }

  private void oneSided(Kind kind, Side side, Range range, long rows) {
    if (rows <= EXACT_KEYS) {
      side.rows(range).keySet().forEach(key -> runs.add(Difference.single(kind, key)));
      return;
    }
    Key first = side.keyAt(range, 0).orElseThrow();
    Key last = side.lastKey(range).orElseThrow();
    long sourceCount = kind == Kind.MISSING ? rows : 0;
    runs.add(new Difference(kind, first, last, sourceCount, rows - sourceCount, List.of()));
  }

  private void keyByKey(Range range) {
    Map<Key, Long> sourceHashes = source.rows(range);
    Map<Key, Long> targetHashes = target.rows(range);
    sourceHashes.forEach(
        (key, hash) -> {
          Long other = targetHashes.get(key);
          if (other == null) {
            runs.add(Difference.single(Kind.MISSING, key));
          } else if (!other.equals(hash)) {
            runs.add(Difference.single(Kind.CHANGED, key));
          } else {
            runs.sourceRowsPresent();
          }
        });
    targetHashes.forEach(
        (key, hash) -> {
          if (sourceHashes.containsKey(key)) {
            runs.targetRowsPresent();
          } else {
            runs.add(Difference.single(Kind.EXTRA, key));
          }
        });
  }
}
