package dev.pgpipe.sink.verify;

import dev.pgpipe.sink.verify.Difference.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Collects one table's differences, reported in key order, into runs.
 *
 * <p>A difference continues the open run of its kind unless something broke that run since: a
 * source row the target has breaks the {@code MISSING} and {@code CHANGED} runs, a target row the
 * source has breaks the {@code EXTRA} run, and every difference breaks the runs it does not belong
 * to on its side ({@code MIXED} breaks all). Runs beyond {@code maxRuns} are counted, not kept. Not
 * thread-safe.
 */
final class Runs {

  private static final int NONE = -1;
  private static final int DROPPED = -2;

  private final int maxRuns;
  private final long narrowLimit;
  private final List<Difference> runs = new ArrayList<>();
  private final int[] open = new int[Kind.values().length];
  private long more;
  private long itemised;

  Runs(int maxRuns) {
    this.maxRuns = maxRuns;
    this.narrowLimit = 10L * maxRuns;
    Arrays.fill(open, NONE);
  }

  /** Records {@code difference}, continuing its kind's open run when there is one. */
  void add(Difference difference) {
    Kind kind = difference.kind();
    breakRuns(breaks(kind));
    if (difference.exact()) {
      itemised += difference.rows();
    }
    int index = open[kind.ordinal()];
    if (index >= 0) {
      runs.set(index, runs.get(index).extend(difference));
    } else if (index == NONE && runs.size() < maxRuns) {
      open[kind.ordinal()] = runs.size();
      runs.add(difference);
    } else if (index == NONE) {
      open[kind.ordinal()] = DROPPED;
      more++;
    }
  }

  /** Source rows that the target has too, equal or not: they end missing and changed runs. */
  void sourceRowsPresent() {
    breakRuns(EnumSet.of(Kind.MISSING, Kind.CHANGED, Kind.MIXED));
  }

  /** Target rows that the source has too: they end the extra run. */
  void targetRowsPresent() {
    breakRuns(EnumSet.of(Kind.EXTRA, Kind.MIXED));
  }

  /** Whether differing ranges are still worth narrowing down to keys. */
  boolean narrowing() {
    return itemised < narrowLimit;
  }

  List<Difference> runs() {
    return List.copyOf(runs);
  }

  long more() {
    return more;
  }

  private static Set<Kind> breaks(Kind kind) {
    return switch (kind) {
      case MISSING -> EnumSet.of(Kind.CHANGED, Kind.MIXED);
      case CHANGED -> EnumSet.of(Kind.MISSING, Kind.MIXED);
      case EXTRA -> EnumSet.of(Kind.MIXED);
      case MIXED -> EnumSet.of(Kind.MISSING, Kind.CHANGED, Kind.EXTRA);
    };
  }

  private void breakRuns(Set<Kind> kinds) {
    kinds.forEach(k -> open[k.ordinal()] = NONE);
  }
}
