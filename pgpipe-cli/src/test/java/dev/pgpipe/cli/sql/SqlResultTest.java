package dev.pgpipe.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlResultTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "insert into t values (1)",
        "  UPDATE t SET v = 1",
        "-- note\nDELETE FROM t",
        "/* a\ncomment */ merge into t using s on true when matched then delete"
      })
  void dataChangesWithoutReturning_areCounted(String sql) {
    assertThat(SqlResult.counted(sql)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "select 1",
        "(select 1)",
        "with x as (delete from t returning *) select * from x",
        "insert into t values (1) returning id",
        "create table t (v int)",
        "show wal_level",
        ""
      })
  void everythingElse_isReadAsAQuery(String sql) {
    assertThat(SqlResult.counted(sql)).isFalse();
  }
}
