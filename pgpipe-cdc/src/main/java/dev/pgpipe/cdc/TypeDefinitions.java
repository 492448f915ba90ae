package dev.pgpipe.cdc;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a target declares a source type, by type OID and modifier (what the Relation message sends,
 * so the answer never depends on the table's present catalog): a built-in type as {@code
 * format_type} prints it ({@code character varying(20)}, {@code numeric(12,2)}, {@code integer[]});
 * a domain as its base type with the domain's modifier; an array of a user type as the element's
 * mapping with {@code []}; an enum, composite, range or extension type as {@code text}. Every
 * mapping is logged once as a warning, since the target then accepts values the source would
 * refuse. Thread-safe; answers are cached.
 */
final class TypeDefinitions {

  private static final Logger log = LoggerFactory.getLogger(TypeDefinitions.class);

  private static final String TYPE =
      "SELECT t.typtype::text, t.typbasetype::int8, t.typtypmod, t.typelem::int8,"
          + " t.typcategory::text, n.nspname, format_type(t.oid, ?), t.typname"
          + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
          + " WHERE t.oid = ?";

  private record Row(
      char kind,
      long base,
      int baseModifier,
      long element,
      char category,
      String namespace,
      String formatted,
      String name) {}

  private record Key(long oid, int modifier) {}

  private final SourceCatalog catalog;
  private final Map<Key, String> cache = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  TypeDefinitions(SourceCatalog catalog) {
    this.catalog = catalog;
  }

  @Nullable String definition(long typeOid, int typeModifier) {
    Key key = new Key(typeOid, typeModifier);
    String known = cache.get(key);
    if (known != null) {
      return known;
    }
    String found = resolve(typeOid, typeModifier, 0);
    if (found != null) {
      cache.put(key, found);
    }
    return found;
  }

  private @Nullable String resolve(long oid, int modifier, int depth) {
    List<Row> rows =
        catalog.query(
            TYPE,
            List.of(modifier, oid),
            rs ->
                new Row(
                    rs.getString(1).charAt(0),
                    rs.getLong(2),
                    rs.getInt(3),
                    rs.getLong(4),
                    rs.getString(5).charAt(0),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8)));
    if (rows.isEmpty() || depth > 8) {
      return null;
    }
    Row type = rows.get(0);
    if (type.kind() == 'd') {
      int baseModifier = type.baseModifier();
      String base = resolve(type.base(), baseModifier, depth + 1);
      warn(type, base);
      return base;
    }
    if (type.category() == 'A' && type.element() != 0 && !builtIn(type)) {
      String element = resolve(type.element(), modifier, depth + 1);
      return element == null ? null : element + "[]";
    }
    if (builtIn(type)) {
      return type.formatted();
    }
    warn(type, "text");
    return "text";
  }

  private static boolean builtIn(Row type) {
    return type.namespace().equals("pg_catalog") && type.kind() != 'e' && type.kind() != 'c';
  }

  private void warn(Row type, @Nullable String mapped) {
    if (warned.add(type.namespace() + "." + type.name())) {
      log.warn(
          "source type {}.{} ({}) is declared as {} on targets; its labels or constraints are"
              + " not copied",
          type.namespace(),
          type.name(),
          switch (type.kind()) {
            case 'd' -> "a domain";
            case 'e' -> "an enum";
            case 'c' -> "a composite type";
            case 'r' -> "a range type";
            default -> "an extension type";
          },
          mapped);
    }
  }
}
