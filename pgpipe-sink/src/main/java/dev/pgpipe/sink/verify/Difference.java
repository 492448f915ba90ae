package dev.pgpipe.sink.verify;

import java.util.List;

/**
 * A run of rows, consecutive in key order, that differ in the same way between source and target.
 *
 * <p>A {@link Kind#MISSING} run holds source rows that the target lacks, with no source row in
 * between that the target has; an {@link Kind#EXTRA} run holds target rows the source lacks; a
 * {@link Kind#CHANGED} run holds rows both sides have with some column different. A {@link
 * Kind#MIXED} run is a key range whose rows differ in a way not narrowed down further (the table
 * had more differences than are itemised); it may hold all three kinds.
 *
 * @param first the first key of the run (of the source, for {@code MIXED})
 * @param last the last key of the run (of the source, for {@code MIXED})
 * @param sourceRows how many of the run's rows the source has
 * @param targetRows how many of the run's rows the target has
 * @param keys every key of the run, in key order, when it has at most {@link #EXACT_KEYS}; else
 *     empty
 */
public record Difference(
    Kind kind, Key first, Key last, long sourceRows, long targetRows, List<Key> keys) {

  /** A run of at most this many rows lists its keys. */
  public static final int EXACT_KEYS = 20;

  /** How the rows of a run differ. */
  public enum Kind {
    /** In the source, not in the target. */
    MISSING,
    /** In the target, not in the source. */
    EXTRA,
    /** In both, with a different value in some column. */
    CHANGED,
    /** Somewhere in this key range rows differ; not narrowed down. */
    MIXED
  }

  public Difference {
    keys = List.copyOf(keys);
    if (sourceRows < 0 || targetRows < 0 || keys.size() > EXACT_KEYS) {
      throw new IllegalArgumentException(
          "bad run: " + sourceRows + " source rows, " + targetRows + " target, " + keys.size());
    }
  }

  /** One row's difference. */
  static Difference single(Kind kind, Key key) {
    return new Difference(
        kind, key, key, kind == Kind.EXTRA ? 0 : 1, kind == Kind.MISSING ? 0 : 1, List.of(key));
  }

  /** The rows this run is about: the source's, or the target's for {@code EXTRA}. */
  public long rows() {
    return kind == Kind.EXTRA ? targetRows : sourceRows;
  }

  /** Whether {@link #keys()} lists every key of the run. */
  public boolean exact() {
    return kind != Kind.MIXED && keys.size() == rows();
  }

  /** This run followed by {@code next}, a run of the same kind that continues it. */
  Difference extend(Difference next) {
    if (next.kind != kind) {
      throw new IllegalArgumentException("cannot extend a " + kind + " run with " + next.kind);
    }
    boolean listed = exact() && next.exact() && rows() + next.rows() <= EXACT_KEYS;
    List<Key> all =
        listed
            ? java.util.stream.Stream.concat(keys.stream(), next.keys.stream()).toList()
            : List.of();
    return new Difference(
        kind, first, next.last, sourceRows + next.sourceRows, targetRows + next.targetRows, all);
  }
}
