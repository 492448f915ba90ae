package dev.pgpipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParsedSqlTest {

  @Test
  void replacesNamedParametersInOrderOfUse() {
    ParsedSql parsed = ParsedSql.parse("SELECT * FROM t WHERE a = :id OR b = :id AND c > :min_c");

    assertThat(parsed.jdbcSql()).isEqualTo("SELECT * FROM t WHERE a = ? OR b = ? AND c > ?");
    assertThat(parsed.names()).containsExactly("id", "id", "min_c");
  }

  @Test
  void leavesCastsLiteralsIdentifiersCommentsAndDollarQuotesAlone() {
    String sql =
        "SELECT ':no'::text, E'\\':no', \":no\", $$ :no $$, $f$ :no $f$ -- :no\n"
            + "/* :no /* :no */ */ FROM t WHERE x = :yes AND y = $1";

    ParsedSql parsed = ParsedSql.parse(sql);

    assertThat(parsed.names()).containsExactly("yes");
    assertThat(parsed.jdbcSql()).contains("::text").contains("x = ? AND y = $1");
  }

  @Test
  void countsPositionalParameters() {
    assertThat(ParsedSql.parse("SELECT ?, ?, '?'").positional()).isEqualTo(2);
  }

  @Test
  void rejectsMixedParameterStyles() {
    assertThatThrownBy(() -> ParsedSql.parse("SELECT ? + :x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("either ? or :name");
  }
}
