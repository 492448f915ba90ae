package dev.pgpipe.sink.verify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table as one side's catalog has it: column names with their types as {@code format_type} prints
 * them, in column order, and the primary key's columns in key order (empty without one).
 */
record Shape(TableName table, Map<String, String> types, List<String> key) {

  Shape {
    types = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(types));
    key = List.copyOf(key);
  }

  List<String> columns() {
    return List.copyOf(types.keySet());
  }

  Optional<String> type(String column) {
    return Optional.ofNullable(types.get(column));
  }

  boolean has(List<String> columns) {
    return types.keySet().containsAll(columns);
  }
}
