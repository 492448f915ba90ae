package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Unchanged;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Folds a key move into a run whose net rows already hold the moved row, so that a key change of a
 * row the batch inserted or updated does not cut the run into small steps. Pure apart from the run
 * it is given.
 *
 * <ul>
 *   <li>The run inserted the row at the old key: the row is inserted at the new key instead, with
 *       the move's values over the inserted ones; nothing is left at the old key (or only the
 *       delete of a target row the run deleted first).
 *   <li>The run updated an existing row at the old key: the move carries those updates with it (its
 *       own values win, its unchanged columns take the run's values, else keep the target's); the
 *       net row at the old key goes, since the move, applied before the run's net rows, does its
 *       work.
 *   <li>Otherwise (a key another move touched, a new key the run holds a row at) it cannot be
 *       folded: the caller ends the run.
 * </ul>
 */
final class MoveFolding {

  /** What to do with a move. */
  sealed interface Outcome {}

  /** The move became net rows: nothing more to do. */
  record Folded() implements Outcome {}

  /** Add this move (the given one, or one carrying the run's updates) to the run's moves. */
  record Move(KeyMove move) implements Outcome {}

  /** End the run first; the move then starts the next one. */
  record Cut() implements Outcome {}

  private MoveFolding() {}

  static Outcome fold(
      Step.Rows run,
      Set<List<String>> moved,
      KeyMove move,
      List<String> from,
      List<String> to,
      Map<String, @Nullable Object> newKey) {
    if (moved.contains(from) || moved.contains(to)) {
      return new Cut();
    }
    NetRow source = run.rows().get(from);
    NetRow target = run.rows().get(to);
    if (source == null) {
      return target == null ? new Move(move) : new Cut();
    }
    if (target != null
        && (target.kind() != NetRow.Kind.NONE || source.kind() != NetRow.Kind.INSERT)) {
      return new Cut();
    }
    Map<String, @Nullable Object> merged = merged(source.values(), move.row());
    ChangeEvent event = move.event();
    switch (source.kind()) {
      case INSERT -> {
        NetRow destination = target != null ? target : new NetRow(newKey, event);
        destination.insert(merged, event, source.snapshot());
        run.rows().put(to, destination);
        vacate(run, from, source, event);
        return new Folded();
      }
      case UPDATE -> {
        vacate(run, from, source, event);
        return new Move(new KeyMove(move.oldKey(), merged, event));
      }
      default -> {
        return new Cut(); // the run deleted the old key: the source could not have moved it
      }
    }
  }

  /** The run's values, with the move's over them unless it left them unchanged. */
  private static Map<String, @Nullable Object> merged(
      Map<String, @Nullable Object> run, Map<String, @Nullable Object> move) {
    Map<String, @Nullable Object> merged = new LinkedHashMap<>(run);
    move.forEach(
        (column, value) -> {
          if (value != Unchanged.VALUE || !merged.containsKey(column)) {
            merged.put(column, value);
          }
        });
    return merged;
  }

  /** Nothing is left at the old key but the delete of a target row the run deleted first. */
  private static void vacate(Step.Rows run, List<String> key, NetRow row, ChangeEvent event) {
    if (row.deleteFirst()) {
      row.delete(event);
    } else {
      run.rows().remove(key);
    }
  }
}
