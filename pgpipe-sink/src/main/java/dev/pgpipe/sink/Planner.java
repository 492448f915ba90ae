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
  private final Map<TableSchema, Destination> destinations = new IdentityHashMap<>();
  private long ignored;

  /**
   * Where the events of one source table shape go, found once per shape and batch (events of one
   * relation share their {@link TableSchema} instance, so the lookup is by identity).
   */
  private sealed interface Destination {

    /** The table is not whitelisted: its events are dropped and counted. */
    record Ignored() implements Destination {}

    /** The target has no such table: each event is a dead letter. */
    record Missing(String reason) implements Destination {}

    /**
     * The target table; {@code columnProblem} refuses row changes (a column the target lacks), not
     * truncates.
     */
    record Found(TargetTable table, String label, Optional<String> columnProblem)
        implements Destination {}
  }

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
    switch (destinations.computeIfAbsent(source, this::destination)) {
      case Destination.Ignored ignoredTable -> ignored++;
      case Destination.Missing missing -> steps.add(new Step.Reject(event, missing.reason()));
      case Destination.Found found -> add(event, source, found);
    }
  }

  private Destination destination(TableSchema source) {
    if (!catalog.allowed(source.schema(), source.name())) {
      return new Destination.Ignored();
    }
    Optional<TargetTable> found = catalog.table(source.schema(), source.name());
    if (found.isEmpty()) {
      return new Destination.Missing("target table " + source.qualifiedName() + " not found");
    }
    TargetTable table = found.get();
    return new Destination.Found(
        table, table.label(), Optional.ofNullable(columnProblem(source, table)));
  }

  private void add(ChangeEvent event, TableSchema source, Destination.Found found) {
    TableSchema shape = shapes.get(found.label());
    if (shape != null && shape != source && !shape.columns().equals(source.columns())) {
      close(found.label()); // a Relation message came between: old and new shapes never mix
    }
    shapes.put(found.label(), source);
    if (event.operation() == Operation.TRUNCATE) {
      close();
      boolean restart = (event.truncateOptions() & ChangeEvent.TRUNCATE_RESTART_IDENTITY) != 0;
      steps.add(new Step.Truncate(List.of(found.table()), restart, event));
      return;
    }
    if (found.columnProblem().isPresent()) {
      steps.add(new Step.Reject(event, found.columnProblem().get()));
      return;
    }
    row(event, found);
  }

  private static @Nullable String columnProblem(TableSchema source, TargetTable table) {
    for (Column column : source.columns()) {
      if (table.column(column.name()) == null) {
        return "column " + column.name() + " is not in target table " + table.label();
      }
    }
    return null;
  }

  private void row(ChangeEvent event, Destination.Found found) {
    TargetTable table = found.table();
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
        move(found, new KeyMove(oldKey, after == null ? Map.of() : after, event), key);
        return;
      }
    }
    Step.Rows rows = run(found);
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
  private void move(Destination.Found found, KeyMove move, Map<String, @Nullable Object> newKey) {
    List<String> from = text(move.oldKey());
    List<String> to = text(newKey);
    Set<List<String>> keys = moved.computeIfAbsent(found.label(), label -> new HashSet<>());
    MoveFolding.Outcome outcome = MoveFolding.fold(run(found), keys, move, from, to, newKey);
    if (outcome instanceof MoveFolding.Folded) {
      return;
    }
    KeyMove added = move;
    if (outcome instanceof MoveFolding.Cut) {
      close(found.label());
      keys = moved.computeIfAbsent(found.label(), label -> new HashSet<>());
    } else if (outcome instanceof MoveFolding.Move carried) {
      added = carried.move();
    }
    run(found).moves().add(added);
    keys.add(from);
    keys.add(to);
  }

  private Step.Rows run(Destination.Found found) {
    return open.computeIfAbsent(
        found.label(),
        label -> new Step.Rows(found.table(), new LinkedHashMap<>(), new ArrayList<>()));
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
    if (key.size() == 1) {
      return List.of(
          ValueText.text(java.util.Objects.requireNonNull(key.values().iterator().next())));
    }
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
  private void close(String label) {
    Step.Rows rows = open.remove(label);
    if (rows != null) {
      steps.add(rows);
    }
    moved.remove(label);
  }
}
