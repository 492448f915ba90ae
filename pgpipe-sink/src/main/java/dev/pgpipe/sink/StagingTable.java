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
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The session's staging table for one shape of {@link TableChanges}: rows reach it by binary COPY
 * (pgpipe-copy's codecs), then set-based statements ({@link StagedSql}) move them into the target.
 * Immutable.
 *
 * <pre>
 * _kind "char"   a {@link RowChange} kind
 * _del  bool     delete the key first
 * _unch bool[]   per staged column (1-based): keep the target value; NULL when none is kept
 * c1, c2, ...    the columns of the changes, by position (no name can collide with the controls)
 * o1, o2, ...    a move's old key, one per key column
 * </pre>
 *
 * <p>A column is staged with the target's type when pgpipe-copy has a codec for it and every value
 * fits that codec exactly; otherwise as {@code text}, which the statements cast to the target's
 * type, so the server's input function converts or refuses it exactly as if it had been typed in.
 * Enums, domains and extension types are therefore always staged as text, and the table never
 * depends on a type the target could drop.
 *
 * <p>The table is named after its column types, created once per session ({@code IF NOT EXISTS})
 * and emptied at every commit ({@code ON COMMIT DELETE ROWS}) and after every use ({@link
 * StagedSql#clear()}): a batch creates no catalog rows, whatever number of steps it has.
 */
final class StagingTable {

  private static final List<String> CONTROL = List.of("_kind", "_del", "_unch");
  private static final PgType TEXT = PgType.of(PgKind.TEXT);

  private final String label;
  private final String name;
  private final TableChanges changes;
  private final List<PgType> types;
  private final Set<Integer> asText;

  private StagingTable(TableChanges changes, Set<Integer> asText) {
    this.changes = changes;
    this.asText = Set.copyOf(asText);
    this.types = stagedTypes(changes, this.asText);
    StringBuilder shape = new StringBuilder();
    types.forEach(t -> shape.append(t).append('\0'));
    this.label = "pgpipe_stage_" + hash(shape);
    this.name = "pg_temp." + Identifier.quote(label);
  }

  /**
   * The staging table of {@code changes}, with the columns at {@code asText} (indices into the
   * changes' columns) and those without a codec staged as text.
   */
  static StagingTable of(TableChanges changes, Set<Integer> asText) {
    return new StagingTable(changes, asText);
  }

  private static List<PgType> stagedTypes(TableChanges changes, Set<Integer> asText) {
    List<PgType> types =
        new ArrayList<>(List.of(PgType.of(PgKind.CHAR), PgType.of(PgKind.BOOL), boolArray()));
    List<TargetColumn> columns = changes.columns();
    for (int i = 0; i < columns.size(); i++) {
      types.add(asText.contains(i) ? TEXT : codecType(columns.get(i)));
    }
    for (String key : changes.table().key()) {
      types.add(types.get(CONTROL.size() + changes.indexOf(key)));
    }
    return List.copyOf(types);
  }

  private static PgType boolArray() {
    return PgType.of(PgKind.BOOL).arrayOf();
  }

  /** The column's type for its codec, or text when pgpipe-copy has none (enums, domains, ...). */
  private static PgType codecType(TargetColumn column) {
    PgType type = codec(column);
    return type == null ? TEXT : type;
  }

  /** The column's type for its pgpipe-copy codec; null when it has none (enums, domains, ...). */
  static @Nullable PgType codec(TargetColumn column) {
    try {
      PgType type = PgType.parse(column.type());
      return type.kind() == PgKind.ENUM ? null : type; // unknown type names parse as enums
    } catch (IllegalArgumentException e) {
      return null;
    }
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

  /** The qualified, quoted name. */
  String name() {
    return name;
  }

  TableChanges changes() {
    return changes;
  }

  /** Whether column {@code index} of the changes is staged as text, which the statements cast. */
  boolean stagedAsText(int index) {
    return types.get(CONTROL.size() + index).equals(TEXT);
  }

  /** A staging table like this one with column {@code index} staged as text too. */
  StagingTable withText(int index) {
    Set<Integer> more = new java.util.HashSet<>(asText);
    more.add(index);
    return new StagingTable(changes, more);
  }

  /** The table pgpipe-copy encodes the rows of ({@link StagedRows} builds them). */
  Table<Object[]> copyTable() {
    return Table.forArrays("pg_temp." + label, columnNames(), types);
  }

  /** The staging column that holds column {@code index} of the changes. */
  static String column(int index) {
    return "c" + (index + 1);
  }

  /** The staging column that holds a move's old value of key column {@code index}. */
  static String oldKey(int index) {
    return "o" + (index + 1);
  }

  /** The index of the changes' column named by staging column {@code name}, or -1. */
  int indexOfStaged(String stagedName) {
    List<String> names = columnNames();
    int at = names.indexOf(stagedName) - CONTROL.size();
    int columns = changes.columns().size();
    if (at < 0) {
      return -1;
    }
    return at < columns ? at : changes.indexOf(changes.table().key().get(at - columns));
  }

  private List<String> columnNames() {
    List<String> names = new ArrayList<>(CONTROL);
    for (int i = 0; i < changes.columns().size(); i++) {
      names.add(column(i));
    }
    for (int i = 0; i < changes.table().key().size(); i++) {
      names.add(oldKey(i));
    }
    return names;
  }

  /** Creates the table unless the session has it. */
  String createSql() {
    StringBuilder sql = new StringBuilder("CREATE TEMP TABLE IF NOT EXISTS ").append(name);
    List<String> names = columnNames();
    for (int i = 0; i < names.size(); i++) {
      sql.append(i == 0 ? " (" : ", ").append(names.get(i)).append(' ');
      sql.append(i < CONTROL.size() ? controlType(i) : typeName(i));
    }
    return sql.append(") ON COMMIT DELETE ROWS").toString();
  }

  private static String controlType(int index) {
    return List.of("\"char\"", "bool", "bool[]").get(index);
  }

  /** The SQL type of staged column {@code position} (counting the controls). */
  private String typeName(int position) {
    if (types.get(position).equals(TEXT)) {
      return "text";
    }
    int columns = changes.columns().size();
    int index = position - CONTROL.size();
    int column =
        index < columns ? index : changes.indexOf(changes.table().key().get(index - columns));
    return changes.columns().get(column).type();
  }

  /** The binary COPY of the rows {@link #copyTable()} encodes. */
  String copySql() {
    return "COPY "
        + name
        + " ("
        + String.join(", ", columnNames())
        + ") FROM STDIN (FORMAT binary)";
  }
}
