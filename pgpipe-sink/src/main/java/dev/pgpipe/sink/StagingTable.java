package dev.pgpipe.sink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The session's temporary staging table for one column set: created once per connection and kept
 * ({@code ON COMMIT DELETE ROWS} empties it at every commit), so a batch pays neither a CREATE nor
 * a DROP nor the catalog churn of a table per batch. Its name is a digest of its definition, so two
 * column sets never share a table; each use tags its rows with a step number, because one
 * transaction may stage the same column set more than once.
 *
 * <pre>
 * _step int8     the step that staged the row
 * _kind "char"   N none (deleted), I insert, P upsert, U update
 * _del  bool     delete the key first
 * _unch bool[]   per staged column (1-based): keep the target value
 * "c1" type1, "c2" type2, ...   the target's columns that the events carry
 * </pre>
 */
record StagingTable(String name, String definition, String columnList) {

  private static final String CONTROL = "_step int8, _kind \"char\", _del bool, _unch bool[]";
  private static final String CONTROL_NAMES = "_step, _kind, _del, _unch";

  static StagingTable of(List<TargetColumn> columns) {
    StringBuilder definition = new StringBuilder("(").append(CONTROL);
    StringBuilder names = new StringBuilder("(").append(CONTROL_NAMES);
    for (TargetColumn column : columns) {
      String quoted = Sql.quote(column.name());
      definition.append(", ").append(quoted).append(' ').append(column.type());
      names.append(", ").append(quoted);
    }
    String text = definition.append(')').toString();
    return new StagingTable(
        Sql.quote("pgpipe_stage_" + digest(text)), text, names.append(')').toString());
  }

  /** Idempotent: a no-op (with a notice) when this session already has the table. */
  String createSql() {
    return "CREATE TEMP TABLE IF NOT EXISTS " + name + " " + definition + " ON COMMIT DELETE ROWS";
  }

  /** Text COPY naming every column, so a definition mismatch fails instead of misplacing data. */
  String copySql() {
    return "COPY " + name + " " + columnList + " FROM STDIN";
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
