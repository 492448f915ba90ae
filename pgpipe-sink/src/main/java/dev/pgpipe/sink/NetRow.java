package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Unchanged;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a run of changes to one key leaves behind: whether the target row is deleted first, and the
 * row that then exists (if any). Values an update left {@link Unchanged} take what an earlier
 * change of the run gave, else stay {@code Unchanged} (the target keeps its value). Mutable; used
 * by one thread while a batch is planned.
 */
final class NetRow {

  /** How the final row reaches the target. */
  enum Kind {
    /** No row at the end (deleted). */
    NONE,
    /** The run began with an insert (or snapshot row, or follows a delete): insert it. */
    INSERT,
    /** The run is updates of a row that existed before it. */
    UPDATE
  }

  final Map<String, @Nullable Object> key;
  private boolean deleteFirst;
  private Kind kind = Kind.NONE;
  private boolean snapshot;
  private Map<String, @Nullable Object> values = Map.of();
  private boolean ownValues; // values is this row's own copy, not an event's (unmodifiable) row
  private ChangeEvent last;

  NetRow(Map<String, @Nullable Object> key, ChangeEvent first) {
    this.key = key;
    this.last = first;
  }

  void insert(Map<String, @Nullable Object> row, ChangeEvent event, boolean fromSnapshot) {
    kind = kind == Kind.UPDATE ? Kind.UPDATE : Kind.INSERT;
    snapshot = fromSnapshot;
    values = row;
    ownValues = false;
    last = event;
  }

  void update(Map<String, @Nullable Object> row, ChangeEvent event) {
    if (kind == Kind.NONE) {
      kind = deleteFirst ? Kind.INSERT : Kind.UPDATE;
    }
    if (!ownValues) {
      values = new LinkedHashMap<>(values);
      ownValues = true;
    }
    row.forEach(
        (column, value) -> {
          if (value != Unchanged.VALUE || !values.containsKey(column)) {
            values.put(column, value);
          }
        });
    last = event;
  }

  void delete(ChangeEvent event) {
    deleteFirst = true;
    kind = Kind.NONE;
    snapshot = false;
    values = Map.of();
    ownValues = false;
    last = event;
  }

  boolean deleteFirst() {
    return deleteFirst;
  }

  Kind kind() {
    return kind;
  }

  boolean snapshot() {
    return snapshot;
  }

  /** The row's values by column; read-only. */
  Map<String, @Nullable Object> values() {
    return Collections.unmodifiableMap(values);
  }

  boolean hasUnchanged() {
    return values.containsValue(Unchanged.VALUE);
  }

  /** The latest event of the run (named in errors). */
  ChangeEvent last() {
    return last;
  }
}
