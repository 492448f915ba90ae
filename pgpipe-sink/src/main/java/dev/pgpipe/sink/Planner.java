package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Column;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns events (in commit order) into {@link Step}s: runs of row changes are compacted to one net
 * row per key and table, and key changes join the run as {@link KeyMove}s, which are applied before
 * its net rows; a key change of a row the run already holds is folded into its net rows ({@link
 * MoveFolding}). A truncate closes the runs, and a key change that cannot be folded (it touches a
 * key another move touched) closes its table's run: only then could applying moves first change the
 * order of one key's changes. So does an event whose table shape (its Relation message) differs
 * from the previous event's of that table: the rows of a step all have one shape. Events of tables
 * that are not whitelisted are dropped and counted. Not thread-safe; one per batch.
 */
final class Planner {

  private final TableLookup catalog;
  private final Map<String, TableSchema> shapes = new HashMap<>();
  private final List<Step> steps = new ArrayList<>();
  private final Map<String, Step.Rows> open = new LinkedHashMap<>();
  private final Map<String, Set<List<String>>> moved = new HashMap<>();
  private final Map<TableSchema, Optional<String>> columnProblems = new IdentityHashMap<>();
  private long ignored;

  Planner(TableLookup catalog) {
    this.catalog = catalog;
  }

  List<Step> plan(List<ChangeEvent> events) {
    for (ChangeEvent event : events) {
      add(event);
    }
    close();
    return steps;
  }

  long ignored() {
    return ignored;
  }

  private void add(ChangeEvent event) {
    TableSchema source = event.table();
    if (event.operation() == Operation.MESSAGE || source == null) {
      return;
    }
    if (!catalog.allowed(source.schema(), source.name())) {
      ignored++;
      return;
    }
    Optional<TargetTable> found = catalog.table(source.schema(), source.name());
    if (found.isEmpty()) {
      steps.add(new Step.Reject(event, "target table " + source.qualifiedName() + " not found"));
      return;
    }
    TargetTable table = found.get();
    TableSchema shape = shapes.get(table.label());
    if (shape != null && shape != source && !shape.columns().equals(source.columns())) {
      close(table); // a Relation message came between: rows of the old and new shapes never mix
    }
    shapes.put(table.label(), source);
    if (event.operation() == Operation.TRUNCATE) {
      close();
      boolean restart = (event.truncateOptions() & ChangeEvent.TRUNCATE_RESTART_IDENTITY) != 0;
      steps.add(new Step.Truncate(List.of(table), restart, event));
      return;
    }
    Optional<String> problem =
        columnProblems.computeIfAbsent(source, s -> Optional.ofNullable(columnProblem(s, table)));
    if (problem.isPresent()) {
      steps.add(new Step.Reject(event, problem.get()));
      return;
    }
    row(event, table);
  }

  private static @Nullable String columnProblem(TableSchema source, TargetTable table) {
    for (Column column : source.columns()) {
      if (table.column(column.name()) == null) {
        return "column " + column.name() + " is not in target table " + table.label();
      }
    }
    return null;
  }

  private void row(ChangeEvent event, TargetTable table) {
    Map<String, @Nullable Object> after = event.after();
    Map<String, @Nullable Object> before = event.before();
    Map<String, @Nullable Object> keyRow = after != null ? after : before;
    Map<String, @Nullable Object> key = keyRow == null ? null : key(table, keyRow);
    if (key == null) {
      steps.add(new Step.Reject(event, "the event has no value for the key " + table.key()));
      return;
    }
    if (event.operation() == Operation.UPDATE && before != null) {
      Map<String, @Nullable Object> oldKey = key(table, before);
      if (oldKey != null && !text(oldKey).equals(text(key))) {
        move(table, new KeyMove(oldKey, after == null ? Map.of() : after, event), key);
        return;
      }
    }
    Step.Rows rows = run(table);
    NetRow net = rows.rows().computeIfAbsent(text(key), k -> new NetRow(key, event));
    switch (event.operation()) {
      case INSERT, SNAPSHOT ->
          net.insert(
              after == null ? Map.of() : after, event, event.operation() == Operation.SNAPSHOT);
      case UPDATE -> net.update(after == null ? Map.of() : after, event);
      case DELETE -> net.delete(event);
      default -> throw new IllegalStateException("not a row change: " + event.operation());
    }
  }

  /** Adds the move to the table's run, after closing the runs when it touches a key seen. */
  private void move(TargetTable table, KeyMove move, Map<String, @Nullable Object> newKey) {
    List<String> from = text(move.oldKey());
    List<String> to = text(newKey);
    Set<List<String>> keys = moved.computeIfAbsent(table.label(), label -> new HashSet<>());
    MoveFolding.Outcome outcome = MoveFolding.fold(run(table), keys, move, from, to, newKey);
    if (outcome instanceof MoveFolding.Folded) {
      return;
    }
    KeyMove added = move;
    if (outcome instanceof MoveFolding.Cut) {
      close(table);
      keys = moved.computeIfAbsent(table.label(), label -> new HashSet<>());
    } else if (outcome instanceof MoveFolding.Move carried) {
      added = carried.move();
    }
    run(table).moves().add(added);
    keys.add(from);
    keys.add(to);
  }

  private Step.Rows run(TargetTable table) {
    return open.computeIfAbsent(
        table.label(), label -> new Step.Rows(table, new LinkedHashMap<>(), new ArrayList<>()));
  }

  /** The key columns' values of {@code row}, or null when one is missing or NULL. */
  private static @Nullable Map<String, @Nullable Object> key(
      TargetTable table, Map<String, @Nullable Object> row) {
    Map<String, @Nullable Object> key = new LinkedHashMap<>();
    for (String column : table.key()) {
      Object value = row.get(column);
      if (value == null || value == dev.pgpipe.cdc.Unchanged.VALUE) {
        return null;
      }
      key.put(column, value);
    }
    return key;
  }

  private static List<String> text(Map<String, @Nullable Object> key) {
    List<String> text = new ArrayList<>(key.size());
    key.values().forEach(v -> text.add(ValueText.text(java.util.Objects.requireNonNull(v))));
    return text;
  }

  private void close() {
    steps.addAll(open.values());
    open.clear();
    moved.clear();
    shapes.clear();
  }

  /**
   * Ends the table's run alone: the runs of other tables go on, as they do across the tables of one
   * step, which are applied table after table.
   */
  private void close(TargetTable table) {
    Step.Rows rows = open.remove(table.label());
    if (rows != null) {
      steps.add(rows);
    }
    moved.remove(table.label());
  }
}
