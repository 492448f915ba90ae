package dev.pgpipe.sink;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A target table as its catalog has it, key or not: what {@link ShapeDiff} compares a source shape
 * with. Immutable.
 */
record TargetShape(String schema, String name, List<TargetColumn> columns, List<String> key) {

  TargetShape {
    columns = List.copyOf(columns);
    key = List.copyOf(key);
  }

  @Nullable TargetColumn column(String columnName) {
    for (TargetColumn column : columns) {
      if (column.name().equals(columnName)) {
        return column;
      }
    }
    return null;
  }

  /** As the apply paths take it; the key must not be empty. */
  TargetTable table() {
    return new TargetTable(schema, name, columns, key);
  }
}
