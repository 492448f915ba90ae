package dev.pgpipe.sink;

import dev.pgpipe.client.Identifier;
import dev.pgpipe.copy.Upsert;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A target table read from the catalog: its columns in order and its primary key. Immutable. */
record TargetTable(String schema, String name, List<TargetColumn> columns, List<String> key) {

  TargetTable {
    columns = List.copyOf(columns);
    key = List.copyOf(key);
    if (key.isEmpty()) {
      throw new SinkException(
          "target table "
              + schema
              + "."
              + name
              + " has no primary key: the sink needs one to apply updates and deletes;"
              + " add one (ALTER TABLE ... ADD PRIMARY KEY)");
    }
  }

  String qualified() {
    return Identifier.quote(schema, name);
  }

  String label() {
    return schema + "." + name;
  }

  @Nullable TargetColumn column(String columnName) {
    for (TargetColumn column : columns) {
      if (column.name().equals(columnName)) {
        return column;
      }
    }
    return null;
  }

  /** {@code ON CONFLICT} on the key: an insert of the row's columns overwrites the rest. */
  Upsert upsert() {
    return new Upsert(key, List.of("*"));
  }

  /** {@code ON CONFLICT} on the key: an insert where the key exists does nothing. */
  Upsert ignoreConflicts() {
    return new Upsert(key, List.of());
  }

  Map<String, TargetColumn> byName() {
    Map<String, TargetColumn> map = new LinkedHashMap<>();
    columns.forEach(c -> map.put(c.name(), c));
    return map;
  }
}
