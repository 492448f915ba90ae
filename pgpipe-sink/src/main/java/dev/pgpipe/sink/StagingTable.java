package dev.pgpipe.sink;

import dev.pgpipe.client.Identifier;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A temporary staging table for one step: created in the step's transaction and dropped at its end
 * ({@code ON COMMIT DROP}), so it holds no rows but the step's, outlives no transaction, and keeps
 * no dependency on the target's types once the transaction is over. Its name is unique in the JVM,
 * so no two steps in one transaction share one, even from two sinks. The target's columns are
 * staged by position ({@code c1}, {@code c2}, ...) with the target's types, so no column name can
 * collide with the control columns. Immutable.
 *
 * <pre>
 * _kind "char"   N none (deleted), I insert, P upsert, U update
 * _del  bool     delete the key first
 * _unch bool[]   per staged column (1-based): keep the target value
 * c1 type1, c2 type2, ...   the target's columns that the events carry, in table order
 * </pre>
 */
final class StagingTable {

  private static final AtomicLong NEXT = new AtomicLong();

  private final String name;
  private final List<TargetColumn> columns;

  private StagingTable(String name, List<TargetColumn> columns) {
    this.name = name;
    this.columns = List.copyOf(columns);
  }

  /** A new staging table for {@code columns} (not yet created). */
  static StagingTable forColumns(List<TargetColumn> columns) {
    return new StagingTable(
        "pg_temp." + Identifier.quote("pgpipe_stage_" + NEXT.incrementAndGet()), columns);
  }

  /** The qualified, quoted name. */
  String name() {
    return name;
  }

  /** The target's columns, in staging order. */
  List<TargetColumn> columns() {
    return columns;
  }

  /** The staging column that holds {@code columns().get(index)}. */
  static String column(int index) {
    return "c" + (index + 1);
  }

  String createSql() {
    StringBuilder sql = new StringBuilder("CREATE TEMP TABLE ").append(name);
    sql.append(" (_kind \"char\", _del bool, _unch bool[]");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(", ").append(column(i)).append(' ').append(columns.get(i).type());
    }
    return sql.append(") ON COMMIT DROP").toString();
  }

  String copySql() {
    StringBuilder sql = new StringBuilder("COPY ").append(name).append(" (_kind, _del, _unch");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(", ").append(column(i));
    }
    return sql.append(") FROM STDIN").toString();
  }
}
