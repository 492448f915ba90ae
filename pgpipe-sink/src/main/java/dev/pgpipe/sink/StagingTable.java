package dev.pgpipe.sink;

import dev.pgpipe.client.Identifier;
import dev.pgpipe.copy.Table;
import dev.pgpipe.copy.codec.PgKind;
import dev.pgpipe.copy.codec.PgType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A temporary staging table for a step's rows. The target's columns are staged by position ({@code
 * c1}, {@code c2}, ...) with the target's types, so no column name can collide with the control
 * columns. Immutable.
 *
 * <pre>
 * _kind "char"   N none (deleted), I insert, P upsert, U update
 * _del  bool     delete the key first
 * _unch bool[]   per staged column (1-based): keep the target value; NULL when none is kept
 * c1 type1, c2 type2, ...   the target's columns that the events carry, in table order
 * </pre>
 *
 * Two lifetimes:
 *
 * <ul>
 *   <li>{@link #forColumns}: one table per step, loaded with COPY text, created in the step's
 *       transaction and dropped at its end ({@code ON COMMIT DROP}), so it keeps no dependency on
 *       the target's types (enums, domains, extension types) once the transaction is over. Its name
 *       is unique in the JVM, so no two steps in one transaction share one, even from two sinks.
 *   <li>{@link #reusedFor}: when every column has a built-in type that pgpipe-copy's codecs encode,
 *       one table per session and column shape, loaded with binary COPY ({@link #copyTable()}),
 *       created once ({@code IF NOT EXISTS}) and emptied at every commit ({@code ON COMMIT DELETE
 *       ROWS}) and before every use ({@link #prepareSql()}). Creating and dropping a table per step
 *       writes and flushes catalog rows at every commit; a built-in type cannot be dropped, so
 *       keeping the table costs no dependency.
 * </ul>
 */
final class StagingTable {

  private static final AtomicLong NEXT = new AtomicLong();
  private static final List<String> CONTROL = List.of("_kind", "_del", "_unch");
  private static final List<PgType> CONTROL_TYPES =
      List.of(PgType.of(PgKind.CHAR), PgType.of(PgKind.BOOL), PgType.of(PgKind.BOOL).arrayOf());

  private final String label;
  private final String name;
  private final List<TargetColumn> columns;
  private final @Nullable List<PgType> types;

  private StagingTable(String label, List<TargetColumn> columns, @Nullable List<PgType> types) {
    this.label = label;
    this.name = "pg_temp." + Identifier.quote(label);
    this.columns = List.copyOf(columns);
    this.types = types == null ? null : List.copyOf(types);
  }

  /** A new staging table for {@code columns} (not yet created), loaded as COPY text. */
  static StagingTable forColumns(List<TargetColumn> columns) {
    return new StagingTable("pgpipe_stage_" + NEXT.incrementAndGet(), columns, null);
  }

  /**
   * The session's binary staging table for {@code columns}, named after their types; empty when a
   * type has no codec.
   */
  static Optional<StagingTable> reusedFor(List<TargetColumn> columns) {
    List<PgType> types = codecTypes(columns);
    if (types == null) {
      return Optional.empty();
    }
    StringBuilder shape = new StringBuilder();
    columns.forEach(c -> shape.append(c.type()).append('\0'));
    return Optional.of(new StagingTable("pgpipe_stage_" + hash(shape), columns, types));
  }

  /** 16 hex digits of the SHA-256 of {@code text}: distinct shapes never meet in practice. */
  private static String hash(CharSequence text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Each column's type for its codec, or null when one has none (enums, domains, ...). */
  private static @Nullable List<PgType> codecTypes(List<TargetColumn> columns) {
    List<PgType> types = new ArrayList<>(CONTROL_TYPES);
    for (TargetColumn column : columns) {
      PgType type;
      try {
        type = PgType.parse(column.type());
      } catch (IllegalArgumentException e) {
        return null;
      }
      if (type.kind() == PgKind.ENUM) {
        return null; // any type name pgpipe-copy does not know parses as an enum
      }
      types.add(type);
    }
    return types;
  }

  /** The qualified, quoted name. */
  String name() {
    return name;
  }

  /** The target's columns, in staging order. */
  List<TargetColumn> columns() {
    return columns;
  }

  /**
   * The table pgpipe-copy encodes the binary rows of: {@code Object[]} rows of {@code _kind}
   * (Character), {@code _del} (Boolean), {@code _unch} (List of Boolean), then the values.
   */
  Table<Object[]> copyTable() {
    List<PgType> codecs = types;
    if (codecs == null) {
      throw new IllegalStateException("staging table " + name + " is loaded as text");
    }
    List<String> names = new ArrayList<>(CONTROL);
    for (int i = 0; i < columns.size(); i++) {
      names.add(column(i));
    }
    return Table.forArrays("pg_temp." + label, names, codecs);
  }

  /** The staging column that holds {@code columns().get(index)}. */
  static String column(int index) {
    return "c" + (index + 1);
  }

  String createSql() {
    return "CREATE TEMP TABLE " + name + " " + definition() + " ON COMMIT DROP";
  }

  /**
   * For a reused table: creates it unless the session has it, then empties it (of the rows of an
   * earlier step in the same transaction), in one round trip.
   */
  String prepareSql() {
    return "CREATE TEMP TABLE IF NOT EXISTS "
        + name
        + " "
        + definition()
        + " ON COMMIT DELETE ROWS; DELETE FROM "
        + name;
  }

  private String definition() {
    StringBuilder sql = new StringBuilder("(_kind \"char\", _del bool, _unch bool[]");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(", ").append(column(i)).append(' ').append(columns.get(i).type());
    }
    return sql.append(')').toString();
  }

  /** The COPY of text rows. */
  String copySql() {
    StringBuilder sql = new StringBuilder("COPY ").append(name).append(" (_kind, _del, _unch");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(", ").append(column(i));
    }
    return sql.append(") FROM STDIN").toString();
  }

  /** The COPY of the rows {@link #copyTable()} encodes. */
  String binaryCopySql() {
    return copySql() + " (FORMAT binary)";
  }
}
