package dev.pgpipe.copy;

import org.jspecify.annotations.Nullable;

/**
 * Finds the items of a batch that a target refuses, by bisection: the whole batch is tried as one
 * unit; a refused range is split in halves, each tried on its own, down to single items. An item is
 * handed to {@link Refused} only when it was refused in an attempt of its own, made after the range
 * holding it was refused; so a batch of one item that is refused is tried once more, alone (its
 * first refusal may have come from the attempt as a whole, a statement over the batch, rather than
 * from the item). Items are tried in order, so what is applied keeps the batch's order, and a batch
 * with k bad items among n costs about {@code 2k log2(n/k)} attempts instead of n.
 *
 * <p>The caller's {@link Attempt} owns the unit of work (a savepoint, typically): it applies the
 * range and returns {@code null}, or undoes what it did and returns why the target refused it.
 * Failures that are not the items' fault (a lost connection, a deadlock) are not refusals: the
 * attempt throws them, and they end the bisection. Used by the batch loader of {@link BatchWriter}
 * and {@link CopyWriter} and by the table sink of {@code pgpipe-sink}. Stateless; thread-safe.
 */
public final class Bisection {

  private Bisection() {}

  /**
   * Applies items {@code [from, to)} as one unit.
   *
   * @param <F> what a refusal carries (the server's error, typically)
   * @param <E> what the attempt may throw besides refusals
   */
  @FunctionalInterface
  public interface Attempt<F, E extends Exception> {

    /** Applies the range and returns null, or rolls it back and returns the refusal. */
    @Nullable F apply(int from, int to) throws E;
  }

  /** Told about one item the target refused on its own. */
  @FunctionalInterface
  public interface Refused<F, E extends Exception> {

    void refused(int index, F refusal) throws E;
  }

  /**
   * Applies items {@code [0, size)}, isolating the refused ones; returns how many were refused.
   *
   * @throws E whatever the attempt or the handler throws; the bisection stops there
   */
  public static <F, E extends Exception> int run(
      int size, Attempt<F, E> attempt, Refused<F, E> refused) throws E {
    return checked(size) == 0 ? 0 : range(0, size, attempt, refused);
  }

  /**
   * {@link #run}, for a batch already refused as a whole in an attempt the caller undid (one that
   * could not isolate the refused items, such as an attempt without a savepoint): starts from its
   * halves, sparing the whole batch's attempt whose outcome is known. A batch of one item is tried
   * alone once, as after any refusal. A range refused then but taken now is simply applied, so the
   * outcome is {@link #run}'s.
   */
  public static <F, E extends Exception> int afterRefusal(
      int size, Attempt<F, E> attempt, Refused<F, E> refused) throws E {
    return checked(size) == 0 ? 0 : split(0, size, attempt, refused);
  }

  private static int checked(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0: " + size);
    }
    return size;
  }

  private static <F, E extends Exception> int range(
      int from, int to, Attempt<F, E> attempt, Refused<F, E> refused) throws E {
    return attempt.apply(from, to) == null ? 0 : split(from, to, attempt, refused);
  }

  /** After {@code [from, to)} was refused: tries its halves, an item alone at the end. */
  private static <F, E extends Exception> int split(
      int from, int to, Attempt<F, E> attempt, Refused<F, E> refused) throws E {
    if (to - from == 1) {
      F refusal = attempt.apply(from, to);
      if (refusal == null) {
        return 0;
      }
      refused.refused(from, refusal);
      return 1;
    }
    int middle = (from + to) >>> 1;
    return half(from, middle, attempt, refused) + half(middle, to, attempt, refused);
  }

  private static <F, E extends Exception> int half(
      int from, int to, Attempt<F, E> attempt, Refused<F, E> refused) throws E {
    return to - from == 1 ? split(from, to, attempt, refused) : range(from, to, attempt, refused);
  }
}
