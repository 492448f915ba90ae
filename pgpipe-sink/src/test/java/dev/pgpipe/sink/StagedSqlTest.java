package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The staging table and the statements of both apply paths, as text. */
class StagedSqlTest {

  private static final String HOSTILE = "x\"; drop table t; --";
  private static final String QUOTED = "\"x\"\"; drop table t; --\"";

  private static final List<TargetColumn> COLUMNS =
      List.of(
          new TargetColumn(HOSTILE, "text", false),
          new TargetColumn("_kind", "integer", false),
          new TargetColumn("id", "bigint", true));

  private static final TargetTable TABLE = new TargetTable("public", "t", COLUMNS, List.of("id"));

  private static final TableChanges CHANGES =
      new TableChanges(
          TABLE,
          COLUMNS,
          List.of(new RowChange(RowChange.UPSERT, false, Arrays.asList("a", 1, 2L), List.of())),
          false);

  @Test
  void aShapeHasOneTableNamedByItsTypesWithTheChangesColumnsByPositionAndTheOldKey() {
    StagingTable stage = StagingTable.of(CHANGES, Set.of());

    assertThat(StagingTable.of(CHANGES, Set.of()).name()).isEqualTo(stage.name());
    assertThat(StagingTable.of(CHANGES, Set.of(1)).name()).isNotEqualTo(stage.name());
    assertThat(stage.name()).matches("pg_temp\\.\"pgpipe_stage_[0-9a-f]{16}\"");
    assertThat(stage.createSql())
        .isEqualTo(
            "CREATE TEMP TABLE IF NOT EXISTS "
                + stage.name()
                + " (_kind \"char\", _del bool, _unch bool[], c1 text, c2 integer, c3 bigint,"
                + " o1 bigint) ON COMMIT DELETE ROWS");
    assertThat(stage.copySql())
        .isEqualTo(
            "COPY "
                + stage.name()
                + " (_kind, _del, _unch, c1, c2, c3, o1) FROM STDIN (FORMAT binary)");
  }

  @Test
  void statementsQuoteTargetNamesAndReadStagingColumnsByPosition() {
    StagingTable stage = StagingTable.of(CHANGES, Set.of());
    StagedSql sql = new StagedSql(stage);

    assertThat(sql.delete()).endsWith("s WHERE s._del AND t.\"id\" = s.c3");
    assertThat(sql.insert('P', true))
        .isEqualTo(
            "INSERT INTO \"public\".\"t\" ("
                + QUOTED
                + ", \"_kind\", \"id\") SELECT s.c1, s.c2, s.c3 FROM "
                + stage.name()
                + " s WHERE s._kind = 'P' ON CONFLICT (\"id\") DO UPDATE SET "
                + QUOTED
                + " = EXCLUDED."
                + QUOTED
                + ", \"_kind\" = EXCLUDED.\"_kind\"");
    assertThat(sql.update())
        .startsWith("UPDATE \"public\".\"t\" t SET " + QUOTED + " = CASE WHEN s._unch[1] THEN t.")
        .contains("\"_kind\" = CASE WHEN s._unch[2] THEN t.\"_kind\" ELSE s.c2 END")
        .endsWith("s WHERE s._kind = 'U' AND t.\"id\" = s.c3");
    assertThat(sql.move())
        .contains("\"id\" = s.c3")
        .endsWith("s WHERE s._kind = 'M' AND t.\"id\" = s.o1");
  }

  @Test
  void columnsStagedAsTextAreCastToTheTargetsType() {
    StagedSql sql = new StagedSql(StagingTable.of(CHANGES, Set.of(1, 2)));

    assertThat(sql.insert('I', false))
        .contains("SELECT s.c1, CAST(s.c2 AS integer), CAST(s.c3 AS bigint) FROM");
    assertThat(sql.move()).endsWith("t.\"id\" = CAST(s.o1 AS bigint)");
  }

  @Test
  void rowStatementsBindEveryValueAsTextCastToTheColumnType() {
    RowSql sql = new RowSql(CHANGES);

    assertThat(sql.insert(""))
        .isEqualTo(
            "INSERT INTO \"public\".\"t\" ("
                + QUOTED
                + ", \"_kind\", \"id\") VALUES (CAST(? AS text), CAST(? AS integer),"
                + " CAST(? AS bigint))");
    assertThat(sql.update())
        .isEqualTo(
            "UPDATE \"public\".\"t\" t SET "
                + QUOTED
                + " = CASE WHEN ? THEN t."
                + QUOTED
                + " ELSE CAST(? AS text) END, \"_kind\" = CASE WHEN ? THEN t.\"_kind\" ELSE"
                + " CAST(? AS integer) END WHERE t.\"id\" = CAST(? AS bigint)");
    assertThat(sql.move())
        .contains("\"id\" = CAST(? AS bigint) WHERE t.\"id\" = CAST(? AS bigint)");
  }
}
