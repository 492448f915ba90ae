package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The staging table's name and the statements that read it, as text. */
class StagedSqlTest {

  private static final String HOSTILE = "x\"; drop table t; --";

  private static final List<TargetColumn> COLUMNS =
      List.of(new TargetColumn("id", "bigint", true), new TargetColumn(HOSTILE, "text", false));

  private static final TargetTable TABLE = new TargetTable("public", "t", COLUMNS, List.of("id"));

  @Test
  void theSameColumnSetSharesATableAndAnotherTypeOrColumnGetsItsOwn() {
    StagingTable one = StagingTable.of(COLUMNS);

    assertThat(StagingTable.of(List.copyOf(COLUMNS)).name()).isEqualTo(one.name());
    assertThat(StagingTable.of(List.of(COLUMNS.get(0), new TargetColumn(HOSTILE, "jsonb", false))))
        .extracting(StagingTable::name)
        .isNotEqualTo(one.name());
    assertThat(StagingTable.of(COLUMNS.subList(0, 1)).name()).isNotEqualTo(one.name());
    assertThat(one.name()).matches("\"pgpipe_stage_[0-9a-f]{24}\"");
  }

  @Test
  void everyIdentifierIsQuotedAndTheCopyNamesEveryColumn() {
    StagingTable stage = StagingTable.of(COLUMNS);
    String quoted = "\"x\"\"; drop table t; --\"";

    assertThat(stage.createSql())
        .startsWith("CREATE TEMP TABLE IF NOT EXISTS " + stage.name())
        .contains(quoted + " text")
        .endsWith("ON COMMIT DELETE ROWS");
    assertThat(stage.copySql())
        .isEqualTo(
            "COPY "
                + stage.name()
                + " (_step, _kind, _del, _unch, \"id\", "
                + quoted
                + ") FROM STDIN");
  }

  @Test
  void eachStatementReadsOnlyOneStepsRowsThroughItsOnlyParameter() {
    StagedSql sql = new StagedSql(TABLE, COLUMNS, StagingTable.of(COLUMNS).name());

    for (String statement :
        List.of(sql.delete(), sql.insert('I', false), sql.insert('P', true), sql.update())) {
      assertThat(statement).containsOnlyOnce("_step = ?").doesNotContain("$");
      assertThat(statement.chars().filter(c -> c == '?').count()).isEqualTo(1);
    }
    assertThat(sql.insert('P', true))
        .endsWith(
            "ON CONFLICT (\"id\") DO UPDATE SET \"x\"\"; drop table t; --\" = EXCLUDED.\"x\"\"; drop table t; --\"");
    assertThat(sql.update()).contains("CASE WHEN s._unch[2] THEN t.");
  }
}
