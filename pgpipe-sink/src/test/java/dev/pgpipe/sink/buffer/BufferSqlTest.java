package dev.pgpipe.sink.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BufferSqlTest {

  @Test
  void quotesTheSchemaAndRefusesNamesPostgresCannotHold() {
    assertThat(BufferSql.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    for (String bad : new String[] {"", "\0pgpipe", "pg\0pipe"}) {
      assertThatThrownBy(() -> BufferSql.quote(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a valid identifier");
    }
  }
}
