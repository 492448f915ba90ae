package dev.pgpipe.cdc.ddl;

import dev.pgpipe.cdc.ddl.ColumnChange.Added;
import dev.pgpipe.cdc.ddl.ColumnChange.DefaultChanged;
import dev.pgpipe.cdc.ddl.ColumnChange.Dropped;
import dev.pgpipe.cdc.ddl.ColumnChange.NullabilityChanged;
import dev.pgpipe.cdc.ddl.ColumnChange.Renamed;
import dev.pgpipe.cdc.ddl.ColumnChange.TypeChanged;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Classifies the difference between two column lists of one table by attnum. Pure and stateless.
 *
 * <p>attnums are never reused within a table: a renamed or retyped column keeps its attnum, a
 * dropped one leaves it forever, an added one (also one added again under an old name) gets a new,
 * higher one. So, unlike names, attnums tell {@code RENAME COLUMN a TO b} ({@link
 * ColumnChange.Renamed}) from {@code DROP COLUMN a, ADD COLUMN b} ({@link ColumnChange.Dropped}
 * then {@link ColumnChange.Added}).
 *
 * <p>The changes come in an order that applies cleanly to a target whose columns are named as in
 * {@code before}: every drop, then renames, type, nullability and default changes by attnum, then
 * every add by attnum. Renames between the two lists that exchange names (a→b and b→a, possible
 * when the lists are several statements apart) need a temporary name on the target.
 */
public final class ColumnChanges {

  private ColumnChanges() {}

  /**
   * What changed from {@code before} to {@code after}: empty when the columns are the same.
   *
   * @throws IllegalArgumentException when the tables are not the same relation
   */
  public static List<ColumnChange> between(DdlTable before, DdlTable after) {
    if (before.relationId() != after.relationId()) {
      throw new IllegalArgumentException(
          "not the same table: "
              + before.qualifiedName()
              + " (OID "
              + before.relationId()
              + ") and "
              + after.qualifiedName()
              + " (OID "
              + after.relationId()
              + ")");
    }
    return between(before.columns(), after.columns());
  }

  /**
   * What changed from the columns {@code before} to {@code after}, each list a table's live columns
   * with distinct attnums.
   *
   * @throws IllegalArgumentException when a list repeats an attnum
   */
  public static List<ColumnChange> between(List<DdlColumn> before, List<DdlColumn> after) {
    Map<Integer, DdlColumn> old = byAttnum(before);
    Map<Integer, DdlColumn> now = byAttnum(after);
    List<ColumnChange> changes = new ArrayList<>();
    old.values().stream()
        .filter(c -> !now.containsKey(c.attnum()))
        .map(Dropped::new)
        .forEach(changes::add);
    for (DdlColumn column : now.values()) {
      DdlColumn was = old.get(column.attnum());
      if (was != null) {
        changed(was, column, changes);
      }
    }
    now.values().stream()
        .filter(c -> !old.containsKey(c.attnum()))
        .map(Added::new)
        .forEach(changes::add);
    return List.copyOf(changes);
  }

  private static void changed(DdlColumn was, DdlColumn column, List<ColumnChange> changes) {
    if (!was.name().equals(column.name())) {
      changes.add(new Renamed(was, column));
    }
    if (was.typeDiffers(column)) {
      changes.add(new TypeChanged(was, column));
    }
    if (was.notNull() != column.notNull()) {
      changes.add(new NullabilityChanged(was, column));
    }
    if (!Objects.equals(was.defaultExpression(), column.defaultExpression())
        || !was.generated().equals(column.generated())) {
      changes.add(new DefaultChanged(was, column));
    }
  }

  private static Map<Integer, DdlColumn> byAttnum(List<DdlColumn> columns) {
    Map<Integer, DdlColumn> map = new LinkedHashMap<>();
    columns.stream()
        .sorted((a, b) -> Integer.compare(a.attnum(), b.attnum()))
        .forEach(
            c -> {
              if (map.put(c.attnum(), c) != null) {
                throw new IllegalArgumentException(
                    "attnum " + c.attnum() + " appears twice in " + columns);
              }
            });
    return map;
  }
}
