package dev.pgpipe.copy;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A column as the catalog describes it ({@code pg_attribute}, {@code format_type}). */
record LiveColumn(
    String name,
    String formatType,
    boolean notNull,
    boolean hasDefault,
    int typeOid,
    int elementOid,
    boolean isEnum) {

  static final String QUERY =
      """
      SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
             a.attnotnull AS not_null,
             (a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '') AS has_default,
             a.atttypid::int AS type_oid, t.typelem::int AS element_oid,
             (t.typtype = 'e' OR coalesce(e.typtype = 'e', false)) AS is_enum
      FROM pg_attribute a
      JOIN pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typelem <> 0
      WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum
      """;

  static LiveColumn from(Map<String, @Nullable Object> row) {
    return new LiveColumn(
        (String) require(row, "name"),
        (String) require(row, "type"),
        (Boolean) require(row, "not_null"),
        (Boolean) require(row, "has_default"),
        (Integer) require(row, "type_oid"),
        (Integer) require(row, "element_oid"),
        (Boolean) require(row, "is_enum"));
  }

  private static Object require(Map<String, @Nullable Object> row, String key) {
    Object value = row.get(key);
    if (value == null) {
      throw new IllegalStateException("catalog query returned no " + key + ": " + row);
    }
    return value;
  }

  boolean isArray() {
    return formatType.endsWith("[]");
  }
}
