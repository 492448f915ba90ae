package dev.pgpipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@WithPostgres
class ColumnUpgradeTest {

  private static final String HOSTILE_SCHEMA = "we'ird\\ \"schema\"";
  private static final String HOSTILE_TABLE = "t'); DROP TABLE victim; --";

  @Test
  void aMissingColumnIsAddedWithItsDefinitionAndRowsGetItsDefault(TestDatabase db) {
    db.execute("CREATE TABLE old_shape (id int PRIMARY KEY)", "INSERT INTO old_shape VALUES (1)");

    db.execute(ColumnUpgrade.sql("public.old_shape", "attempts", "int NOT NULL DEFAULT 1"));

    assertThat(db.strings("SELECT id || ':' || attempts FROM old_shape")).containsExactly("1:1");
  }

  @Test
  void aTableThatHasTheColumnIsNotLockedSoAnIdleReaderDoesNotBlockTheUpgrade(TestDatabase db)
      throws SQLException {
    db.execute("CREATE TABLE busy (id int PRIMARY KEY, attempts int)");
    try (Connection reader = db.connect();
        Connection upgrader = db.connect();
        Statement read = reader.createStatement();
        Statement upgrade = upgrader.createStatement()) {
      reader.setAutoCommit(false);
      read.execute("SELECT * FROM busy");
      upgrade.execute("SET lock_timeout = '200ms'");

      upgrade.execute(ColumnUpgrade.sql("public.busy", "attempts", "int"));

      assertThatThrownBy(
              () -> upgrade.execute("ALTER TABLE busy ADD COLUMN IF NOT EXISTS attempts int"))
          .as("the plain statement waits for the reader's lock, which is why this class exists")
          .hasMessageContaining("lock timeout");
      reader.rollback();
    }
  }

  @Test
  void hostileNamesAreQuotedAsNamesAndNeverRunAsSql(TestDatabase db) {
    String table = Identifier.quote(HOSTILE_SCHEMA, HOSTILE_TABLE);
    db.execute(
        "CREATE TABLE victim (id int)",
        "CREATE SCHEMA " + Identifier.quote(HOSTILE_SCHEMA),
        "CREATE TABLE " + table + " (id int)");
    String column = "col'umn\\ \"x\"";

    db.execute(ColumnUpgrade.sql(table, column, "text DEFAULT 'it''s'"));
    db.execute(ColumnUpgrade.sql(table, column, "text DEFAULT 'it''s'"));

    assertThat(
            db.strings(
                "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass("
                    + SqlLiteral.quote(table)
                    + ") AND attnum > 0"))
        .containsExactly("id", column);
    assertThat(db.strings("SELECT to_regclass('public.victim')::text")).containsExactly("victim");
  }
}
