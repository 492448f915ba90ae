package dev.pgpipe.sink;

import dev.pgpipe.cdc.Unchanged;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Step.Rows} as both apply paths take it: the target's columns that some row carries (the
 * key always), in table order, and one {@link RowChange} per key move (first, in order) and per net
 * row, with its kind decided by the {@link ConflictStrategy}. Immutable.
 *
 * @param allNew whether every row is a whole row inserted by the source (no move, no delete first,
 *     no unchanged value): on a target that matches the source, none of their keys exists yet
 */
record TableChanges(
    TargetTable table, List<TargetColumn> columns, List<RowChange> rows, boolean allNew) {

  TableChanges {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  static TableChanges of(Step.Rows step, ConflictStrategy strategy) {
    List<TargetColumn> columns = columns(step);
    List<RowChange> rows = new ArrayList<>(step.moves().size() + step.rows().size());
    for (KeyMove move : step.moves()) {
      List<@Nullable Object> oldKey = new ArrayList<>();
      step.table().key().forEach(k -> oldKey.add(move.oldKey().get(k)));
      rows.add(new RowChange(RowChange.MOVE, false, values(move.row(), Map.of(), columns), oldKey));
    }
    boolean allNew = step.moves().isEmpty();
    for (NetRow row : step.rows().values()) {
      boolean unchanged = row.hasUnchanged();
      rows.add(
          new RowChange(
              kind(row, unchanged, strategy),
              row.deleteFirst(),
              values(row.values(), row.key, columns),
              List.of()));
      allNew &= row.kind() == NetRow.Kind.INSERT && !row.deleteFirst() && !unchanged;
    }
    return new TableChanges(step.table(), columns, rows, allNew);
  }

  /** How many rows are of {@code kind}. */
  int count(char kind) {
    return (int) rows.stream().filter(r -> r.kind() == kind).count();
  }

  /** How many rows delete their key first. */
  int deletesFirst() {
    return (int) rows.stream().filter(RowChange::deleteFirst).count();
  }

  /** The index in {@link #columns()} of key column {@code name}. */
  int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("key column " + name + " is not among the columns applied");
  }

  private static char kind(NetRow row, boolean unchanged, ConflictStrategy strategy) {
    return switch (row.kind()) {
      case NONE -> RowChange.NONE;
      case INSERT ->
          row.snapshot() || strategy == ConflictStrategy.UPSERT
              ? RowChange.UPSERT
              : RowChange.INSERT;
      case UPDATE ->
          strategy == ConflictStrategy.UPSERT && !unchanged ? RowChange.UPSERT : RowChange.UPDATE;
    };
  }

  /**
   * The target's columns that some row carries (keys always), in table order. The rows are read
   * only until every column is known to be carried: with whole rows, the first one.
   */
  private static List<TargetColumn> columns(Step.Rows step) {
    Set<String> missing = new HashSet<>();
    step.table().columns().forEach(c -> missing.add(c.name()));
    missing.removeAll(step.table().key());
    step.moves().forEach(m -> missing.removeAll(m.row().keySet()));
    for (NetRow row : step.rows().values()) {
      if (missing.isEmpty()) {
        break;
      }
      missing.removeAll(row.values().keySet());
    }
    List<TargetColumn> columns = new ArrayList<>();
    for (TargetColumn column : step.table().columns()) {
      if (!missing.contains(column.name())) {
        columns.add(column);
      }
    }
    return columns;
  }

  /** The row's value per column; a column it does not carry keeps the target's value. */
  private static List<@Nullable Object> values(
      Map<String, @Nullable Object> row,
      Map<String, @Nullable Object> key,
      List<TargetColumn> columns) {
    List<@Nullable Object> values = new ArrayList<>(columns.size());
    for (TargetColumn column : columns) {
      String name = column.name();
      Object value = row.get(name);
      if (value == null && !row.containsKey(name)) {
        value = key.containsKey(name) ? key.get(name) : Unchanged.VALUE;
      }
      values.add(value);
    }
    return Collections.unmodifiableList(values);
  }
}
