package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The staging table and the statements that read it, as text. */
class StagedSqlTest {

  private static final String HOSTILE = "x\"; drop table t; --";
  private static final String QUOTED = "\"x\"\"; drop table t; --\"";

  private static final List<TargetColumn> COLUMNS =
      List.of(
          new TargetColumn(HOSTILE, "text", false),
          new TargetColumn("_kind", "integer", false),
          new TargetColumn("id", "bigint", true));

  private static final TargetTable TABLE = new TargetTable("public", "t", COLUMNS, List.of("id"));

  @Test
  void everyStepGetsItsOwnTableWithTheTargetsColumnsByPosition() {
    StagingTable stage = StagingTable.forColumns(COLUMNS);

    assertThat(StagingTable.forColumns(COLUMNS).name()).isNotEqualTo(stage.name());
    assertThat(stage.name()).matches("pg_temp\\.\"pgpipe_stage_[0-9]+\"");
    assertThat(stage.createSql())
        .isEqualTo(
            "CREATE TEMP TABLE "
                + stage.name()
                + " (_kind \"char\", _del bool, _unch bool[], c1 text, c2 integer, c3 bigint)"
                + " ON COMMIT DROP");
    assertThat(stage.copySql())
        .isEqualTo("COPY " + stage.name() + " (_kind, _del, _unch, c1, c2, c3) FROM STDIN");
  }

  @Test
  void statementsQuoteTargetNamesAndReadStagingColumnsByPosition() {
    StagingTable stage = StagingTable.forColumns(COLUMNS);
    StagedSql sql = new StagedSql(TABLE, stage);

    assertThat(sql.delete()).endsWith("s WHERE s._del AND t.\"id\" = s.c3");
    assertThat(sql.insert('P', true))
        .isEqualTo(
            "INSERT INTO \"public\".\"t\" ("
                + QUOTED
                + ", \"_kind\", \"id\") SELECT c1, c2, c3 FROM "
                + stage.name()
                + " WHERE _kind = 'P' ON CONFLICT (\"id\") DO UPDATE SET "
                + QUOTED
                + " = EXCLUDED."
                + QUOTED
                + ", \"_kind\" = EXCLUDED.\"_kind\"");
    assertThat(sql.update())
        .startsWith("UPDATE \"public\".\"t\" t SET " + QUOTED + " = CASE WHEN s._unch[1] THEN t.")
        .contains("\"_kind\" = CASE WHEN s._unch[2] THEN t.\"_kind\" ELSE s.c2 END")
        .endsWith("s WHERE s._kind = 'U' AND t.\"id\" = s.c3");
  }
}
