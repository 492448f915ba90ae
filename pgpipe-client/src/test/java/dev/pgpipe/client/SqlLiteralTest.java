package dev.pgpipe.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import org.junit.jupiter.api.Test;

@WithPostgres
class SqlLiteralTest {

  @Test
  void quotesAndBackslashesReadBackAsGiven(TestDatabase database) {
    String hostile = "it's a \\path\\ with '' and \\' in it";
    try (Database db = Database.open(database.url())) {
      assertThat(db.sql("SELECT " + SqlLiteral.quote(hostile)).scalar(String.class))
          .isEqualTo(hostile);
    }
  }
}
