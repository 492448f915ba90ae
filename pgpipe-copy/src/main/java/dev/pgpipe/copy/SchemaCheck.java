package dev.pgpipe.copy;

import dev.pgpipe.client.Database;
import dev.pgpipe.copy.codec.Codec;
import dev.pgpipe.copy.codec.Codecs;
import dev.pgpipe.copy.codec.PgKind;
import dev.pgpipe.copy.codec.PgType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares a {@link Table} with the live catalog and builds the codecs its columns write with (enum
 * OIDs and labels come from {@code pg_enum}). Runs a few catalog queries; thread-safe.
 */
final class SchemaCheck {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaCheck.class);

  private SchemaCheck() {}

  /** Checks by {@code mode}; returns one codec per column or throws SchemaMismatchException. */
  static <T> RowEncoder<T> encoderFor(Database db, Table<T> table, SchemaMode mode) {
    if (mode == SchemaMode.BOOTSTRAP) {
      db.sql(table.createSql()).update();
    }
    Map<String, LiveColumn> live = new HashMap<>();
    for (Map<String, ?> row : db.sql(LiveColumn.QUERY, table.qualifiedName()).asMaps().list()) {
      @SuppressWarnings("unchecked")
      LiveColumn column =
          LiveColumn.from((Map<String, @org.jspecify.annotations.Nullable Object>) row);
      live.put(column.name(), column);
    }
    String name = table.schema() + "." + table.name();
    if (live.isEmpty()) {
      throw new SchemaMismatchException(
          name, List.of(new Mismatch("", "a table", "missing", false)));
    }
    List<Mismatch> mismatches = new ArrayList<>();
    List<Codec> codecs = new ArrayList<>();
    for (MappedColumn<T> column : table.columns()) {
      LiveColumn actual = live.get(column.name());
      codecs.add(codec(db, column.type()));
      if (actual == null) {
        mismatches.add(new Mismatch(column.name(), column.type().formatType(), "missing", false));
      } else {
        compare(db, column, actual, mismatches);
      }
    }
    Set<String> defined = Set.copyOf(table.columnNames());
    for (LiveColumn extra : live.values()) {
      if (!defined.contains(extra.name()) && extra.notNull() && !extra.hasDefault()) {
        mismatches.add(
            new Mismatch(extra.name(), "a value or a default", "NOT NULL without default", false));
      }
    }
    report(name, mode, mismatches);
    return new RowEncoder<>(table, codecs);
  }

  private static void report(String table, SchemaMode mode, List<Mismatch> mismatches) {
    if (mismatches.isEmpty()) {
      return;
    }
    boolean allSafe = mismatches.stream().allMatch(Mismatch::safe);
    if (mode == SchemaMode.WARN && allSafe) {
      LOG.warn(
          "table {} differs from its definition, writing anyway: {}",
          table,
          mismatches.stream().map(Mismatch::toString).collect(Collectors.joining("; ")));
      return;
    }
    throw new SchemaMismatchException(table, mismatches);
  }

  private static Codec codec(Database db, PgType type) {
    if (type.kind() != PgKind.ENUM) {
      return Codecs.forType(type);
    }
    Integer oid =
        db.sql("SELECT to_regtype(?)::oid::int", type.enumName()).as(Integer.class).list().stream()
            .filter(o -> o != null && o != 0)
            .findFirst()
            .orElse(0);
    List<String> labels =
        db.sql("SELECT enumlabel FROM pg_enum WHERE enumtypid = ? ORDER BY enumsortorder", oid)
            .as(String.class)
            .list();
    return Codecs.forEnum(type, oid, labels);
  }

  private static void compare(
      Database db, MappedColumn<?> column, LiveColumn actual, List<Mismatch> mismatches) {
    PgType expected = column.type();
    if (expected.kind() == PgKind.ENUM) {
      int liveOid = actual.isArray() ? actual.elementOid() : actual.typeOid();
      Integer oid =
          db.sql("SELECT coalesce(to_regtype(?)::oid::int, 0)", expected.enumName())
              .scalar(Integer.class);
      if (oid != liveOid || expected.array() != actual.isArray()) {
        mismatches.add(
            new Mismatch(column.name(), expected.formatType(), actual.formatType(), false));
      }
      return;
    }
    if (expected.formatType().equals(actual.formatType())) {
      return;
    }
    PgType live =
        actual.isEnum() ? PgType.enumType(actual.formatType()) : PgType.parse(actual.formatType());
    mismatches.add(
        new Mismatch(
            column.name(), expected.formatType(), actual.formatType(), widens(expected, live)));
  }

  /** Same wire format, and the live type takes every value the definition allows. */
  static boolean widens(PgType defined, PgType live) {
    if (defined.kind() != live.kind() || defined.array() != live.array()) {
      return false;
    }
    return switch (defined.kind()) {
      case VARCHAR, BPCHAR ->
          live.length() < 0 || (defined.length() > 0 && defined.length() <= live.length());
      case NUMERIC ->
          live.precision() < 0
              || (defined.precision() >= 0
                  && defined.scale() == live.scale()
                  && defined.precision() <= live.precision());
      default -> true; // e.g. timestamptz(3): the server rounds, the bytes are the same
    };
  }
}
