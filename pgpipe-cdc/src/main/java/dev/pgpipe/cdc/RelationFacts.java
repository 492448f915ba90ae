package dev.pgpipe.cdc;

import dev.pgpipe.cdc.pgoutput.RelationColumn;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the source catalog adds to a Relation message: the NOT NULL columns and, per column added
 * with a default, the value the table's older rows read, as text. Pure and immutable.
 *
 * <p>The catalog is read now, the stream may be far behind (spec, section 4): NOT NULL is trusted
 * only when the catalog's live columns (names, type OIDs, modifiers, in attnum order) are exactly
 * the Relation's; a column's older-rows value only when the catalog's column of that name still has
 * the Relation's type and modifier. That value is {@code attmissingval} (what PostgreSQL 11+ gives
 * the rows that predate a column added with a non-volatile default), else, after a rewrite cleared
 * it, the column's default when it is a constant ({@code 'x'::text}, {@code 42}), else none.
 */
record RelationFacts(Set<String> notNull, Map<String, String> missing, List<String> key) {

  static final RelationFacts NONE = new RelationFacts(Set.of(), Map.of(), List.of());

  /** One live column as {@code pg_attribute} and {@code pg_attrdef} have it now. */
  record Attribute(
      String name,
      long type,
      int modifier,
      boolean notNull,
      @Nullable String missing,
      @Nullable String constantDefault) {}

  RelationFacts {
    notNull = Set.copyOf(notNull);
    missing = Map.copyOf(missing);
    key = List.copyOf(key);
  }

  static RelationFacts of(
      List<Attribute> catalog, List<RelationColumn> relation, List<String> key) {
    boolean same = catalog.size() == relation.size();
    Map<String, Attribute> byName = new HashMap<>();
    for (int i = 0; i < catalog.size(); i++) {
      Attribute a = catalog.get(i);
      byName.put(a.name(), a);
      same &= i < relation.size() && matches(a, relation.get(i));
    }
    Set<String> notNull = new HashSet<>();
    Map<String, String> missing = new HashMap<>();
    for (RelationColumn column : relation) {
      Attribute a = byName.get(column.name());
      if (a == null || !matches(a, column)) {
        continue;
      }
      if (same && a.notNull()) {
        notNull.add(a.name());
      }
      String value = a.missing() != null ? a.missing() : constant(a.constantDefault());
      if (value != null) {
        missing.put(a.name(), value);
      }
    }
    return new RelationFacts(notNull, missing, same ? key : List.of());
  }

  private static boolean matches(Attribute a, RelationColumn c) {
    return a.name().equals(c.name()) && a.type() == c.typeOid() && a.modifier() == c.typeModifier();
  }

  /**
   * The value of a constant default as {@code pg_get_expr} prints it: {@code 'text'::type} (quotes
   * doubled inside), a number, {@code true} or {@code false}; null for anything else.
   */
  static @Nullable String constant(@Nullable String expression) {
    if (expression == null) {
      return null;
    }
    String e = expression.strip();
    if (e.matches("-?[0-9]+(\\.[0-9]+)?|true|false")) {
      return e;
    }
    if (!e.startsWith("'")) {
      return null;
    }
    StringBuilder value = new StringBuilder();
    int i = 1;
    while (i < e.length()) {
      char c = e.charAt(i);
      if (c == '\'') {
        if (i + 1 < e.length() && e.charAt(i + 1) == '\'') {
          value.append('\'');
          i += 2;
          continue;
        }
        String rest = e.substring(i + 1);
        return rest.matches("(::[a-z][a-z0-9_ \"]*(\\([0-9, ]+\\))?[a-z ]*(\\[\\])*)?")
            ? value.toString()
            : null;
      }
      value.append(c);
      i++;
    }
    return null;
  }
}
