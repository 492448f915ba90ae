package dev.pgpipe.sink;

import dev.pgpipe.cdc.Column;
import dev.pgpipe.cdc.TableSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a target table needs to take the rows of a source table's shape, found by comparing the
 * shape (a Relation message, as the events carry it) with the target's catalog and with the
 * previous shape of the same source table: the {@link SchemaAction}s that follow it safely, or the
 * problems, column by column, that make the table pause. Pure; immutable.
 *
 * <ul>
 *   <li>a source column the target lacks is added (when {@code create}, else a problem);
 *   <li>a column whose source type widens the target's is altered; a target type wider than the
 *       source's is kept, unless the previous shape shows that the source narrowed it;
 *   <li>any other type difference, a key that differs from the target's primary key, or a target
 *       without a primary key is a problem;
 *   <li>a target column the previous shape had and this one lacks was dropped on the source: kept
 *       and made nullable, or dropped with {@code dropColumns}; other target-only columns are left
 *       alone.
 * </ul>
 */
record ShapeDiff(List<SchemaAction> actions, List<String> problems) {

  ShapeDiff {
    actions = List.copyOf(actions);
    problems = List.copyOf(problems);
  }

  static ShapeDiff of(
      TableSchema source,
      @Nullable TableSchema previous,
      TargetShape target,
      boolean create,
      boolean dropColumns) {
    List<SchemaAction> actions = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Column column : source.columns()) {
      TargetColumn existing = target.column(column.name());
      if (existing == null) {
        if (create) {
          actions.add(
              new SchemaAction.AddColumn(column.name(), column.declaredType(), column.missing()));
        } else {
          problems.add("column " + column.name() + " is not in the target");
        }
      } else {
        type(column, existing, previous, actions, problems);
      }
    }
    Set<String> names = new HashSet<>();
    source.columns().forEach(c -> names.add(c.name()));
    for (TargetColumn column : target.columns()) {
      if (!names.contains(column.name()) && previous != null && has(previous, column.name())) {
        if (dropColumns) {
          actions.add(new SchemaAction.DropColumn(column.name()));
        } else if (column.notNull()) {
          actions.add(new SchemaAction.DropNotNull(column.name()));
        }
      }
    }
    key(source, previous, target, problems);
    return new ShapeDiff(actions, problems);
  }

  private static void type(
      Column column,
      TargetColumn existing,
      @Nullable TableSchema previous,
      List<SchemaAction> actions,
      List<String> problems) {
    String type = column.definition();
    if (type == null || type.equals(existing.type())) {
      return;
    }
    if (TypeWidening.widens(existing.type(), type)) {
      actions.add(new SchemaAction.AlterType(column.name(), existing.type(), type));
      return;
    }
    String before = previousType(previous, column.name());
    if (TypeWidening.widens(type, existing.type())
        && (before == null || before.equals(type) || !TypeWidening.widens(type, before))) {
      return; // the target is wider, and the source did not just narrow the column
    }
    problems.add(
        "column "
            + column.name()
            + ": source type "
            + type
            + (before != null && !before.equals(type) ? " (was " + before + ")" : "")
            + ", target type "
            + existing.type()
            + (TypeWidening.widens(type, existing.type())
                ? ": the source narrowed it"
                : ": not a safe widening"));
  }

  private static void key(
      TableSchema source,
      @Nullable TableSchema previous,
      TargetShape target,
      List<String> problems) {
    if (target.key().isEmpty()) {
      problems.add(
          "the target table has no primary key (the source's replica identity is "
              + source.replicaIdentity()
              + "): add one on the target");
      return;
    }
    if (source.replicaIdentity() != 'd' && source.replicaIdentity() != 'i') {
      return;
    }
    List<String> keys = source.keyColumns();
    if (!keys.isEmpty() && !Set.copyOf(keys).equals(Set.copyOf(target.key()))) {
      List<String> was = previous == null ? keys : previous.keyColumns();
      problems.add(
          "key: source "
              + keys
              + (was.equals(keys) ? "" : " (was " + was + ")")
              + ", target primary key "
              + target.key());
    }
  }

  private static boolean has(TableSchema shape, String name) {
    return shape.columns().stream().anyMatch(c -> c.name().equals(name));
  }

  private static @Nullable String previousType(@Nullable TableSchema previous, String name) {
    if (previous == null) {
      return null;
    }
    for (Column column : previous.columns()) {
      if (column.name().equals(name)) {
        return column.definition();
      }
    }
    return null;
  }
}
