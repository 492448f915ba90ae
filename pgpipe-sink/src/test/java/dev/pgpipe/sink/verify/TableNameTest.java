package dev.pgpipe.sink.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableNameTest {

  @Test
  void parse_takesPublicByDefault_andSplitsAtTheFirstUnquotedDot() {
    assertThat(TableName.parse("ev")).isEqualTo(new TableName("public", "ev"));
    assertThat(TableName.parse("app.ev")).isEqualTo(new TableName("app", "ev"));
    assertThat(TableName.parse("\"a.b\".\"c \"\"d\"\"\""))
        .isEqualTo(new TableName("a.b", "c \"d\""));
    assertThat(TableName.parse("\"x\".Mixed")).isEqualTo(new TableName("x", "Mixed"));
  }

  @Test
  void parse_refusesEmptyPartsExtraPartsAndOpenQuotes_namingTheInput() {
    for (String bad : new String[] {"", "a.", ".b", "a.b.c", "\"open", "\"a\"b"}) {
      assertThatThrownBy(() -> TableName.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
  }

  @Test
  void refusesPartsPostgresCannotHold_likeEveryIdentifier() {
    for (String bad : new String[] {"a\0b", "x".repeat(64)}) {
      assertThatThrownBy(() -> new TableName("public", bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a valid identifier");
      assertThatThrownBy(() -> TableName.parse(bad + ".t"))
          .hasMessageContaining("not a valid identifier");
    }
  }

  @Test
  void toString_quotesOnlyPartsThatNeedIt() {
    assertThat(new TableName("public", "ev")).hasToString("public.ev");
    assertThat(new TableName("My Schema", "t\"x")).hasToString("\"My Schema\".\"t\"\"x\"");
  }

  @Test
  void key_printsOneColumnAsItsValue_andSeveralAsARow() {
    assertThat(Key.of("42")).hasToString("42");
    assertThat(Key.of("7", "a b", "", "x\"y")).hasToString("(7,\"a b\",\"\",\"x\\\"y\")");
  }
}
