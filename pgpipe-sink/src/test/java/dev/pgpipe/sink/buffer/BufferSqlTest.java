package dev.pgpipe.sink.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BufferSqlTest {

  @Test
  void quotesTheSchemaAndRefusesNamesPostgresCannotHold() {
    assertThat(new BufferSql("a\"b").migrate().get(0))
        .isEqualTo("CREATE SCHEMA IF NOT EXISTS \"a\"\"b\"");
    assertThat(new BufferSql("a\"b").claim()).contains("FROM \"a\"\"b\".cdc_events");
    for (String bad : new String[] {"", "\0pgpipe", "pg\0pipe"}) {
      assertThatThrownBy(() -> new BufferSql(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a valid identifier");
    }
  }
}
