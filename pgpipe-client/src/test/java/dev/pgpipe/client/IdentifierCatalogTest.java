package dev.pgpipe.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quoted form reaches the server unchanged: the catalog spells the name as it was given. */
@WithPostgres
class IdentifierCatalogTest {

  @Test
  void hostileNamesComeBackFromTheCatalogExactlyAsGiven(TestDatabase database) {
    List<String> names =
        List.of(
            "Mixed Case",
            "with \"quotes\"",
            "dots.in.name",
            "zürich 😀",
            "x'); DROP TABLE y; --",
            "b".repeat(Identifier.MAX_BYTES),
            "ü".repeat(31));
    try (Database db = Database.open(database.url())) {
      for (String name : names) {
        db.sql(
                "CREATE TABLE "
                    + Identifier.quote("public", name)
                    + " ("
                    + Identifier.quote(name)
                    + " int)")
            .update();
        String table =
            db.sql(
                    "SELECT relname::text FROM pg_class WHERE oid = to_regclass(?)",
                    Identifier.quote("public", name))
                .scalar(String.class);
        String column =
            db.sql(
                    "SELECT attname::text FROM pg_attribute WHERE attrelid = to_regclass(?)"
                        + " AND attnum = 1",
                    Identifier.quote("public", name))
                .scalar(String.class);
        assertThat(table).isEqualTo(name);
        assertThat(column).isEqualTo(name);
      }
    }
  }
}
