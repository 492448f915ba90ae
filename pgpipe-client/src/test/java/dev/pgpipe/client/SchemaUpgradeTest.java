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
class SchemaUpgradeTest {

  private static final String HOSTILE_SCHEMA = "we'ird\\ \"schema\"";
  private static final String HOSTILE_TABLE = "t'); DROP TABLE victim; --";

  @Test
  void aMissingColumnIsAddedWithItsDefinitionAndRowsGetItsDefault(TestDatabase db) {
    db.execute("CREATE TABLE old_shape (id int PRIMARY KEY)", "INSERT INTO old_shape VALUES (1)");

    db.execute(SchemaUpgrade.column("public.old_shape", "attempts", "int NOT NULL DEFAULT 1"));

    assertThat(db.strings("SELECT id || ':' || attempts FROM old_shape")).containsExactly("1:1");
  }

  @Test
  void aTableThatHasTheColumnIsNotLockedSoAnIdleReaderDoesNotBlockTheUpgrade(TestDatabase db)
      throws SQLException {
    db.execute("CREATE TABLE busy (id int PRIMARY KEY, attempts int)");

    whileAnotherSessionRan(
        db,
        "SELECT * FROM busy",
        SchemaUpgrade.column("public.busy", "attempts", "int"),
        "ALTER TABLE busy ADD COLUMN IF NOT EXISTS attempts int");
  }

  @Test
  void aMissingIndexIsCreatedInTheTablesSchema(TestDatabase db) {
    db.execute("CREATE SCHEMA up", "CREATE TABLE up.events (id int, done timestamptz)");

    db.execute(SchemaUpgrade.index("up", "events_open", "up.events", "(id) WHERE done IS NULL"));

    assertThat(db.strings("SELECT indexdef FROM pg_indexes WHERE indexname = 'events_open'"))
        .containsExactly(
            "CREATE INDEX events_open ON up.events USING btree (id) WHERE (done IS NULL)");
  }

  @Test
  void anExistingIndexIsLeftAloneSoAnOpenWriterDoesNotBlockTheUpgrade(TestDatabase db)
      throws SQLException {
    db.execute("CREATE TABLE written (id int, v int)", "CREATE INDEX written_v ON written (v)");

    whileAnotherSessionRan(
        db,
        "INSERT INTO written VALUES (1, 1)",
        SchemaUpgrade.index("public", "written_v", "public.written", "(v)"),
        "CREATE INDEX IF NOT EXISTS written_v ON written (v)");
  }

  @Test
  void hostileNamesAreQuotedAsNamesAndNeverRunAsSql(TestDatabase db) {
    String table = Identifier.quote(HOSTILE_SCHEMA, HOSTILE_TABLE);
    db.execute(
        "CREATE TABLE victim (id int)",
        "CREATE SCHEMA " + Identifier.quote(HOSTILE_SCHEMA),
        "CREATE TABLE " + table + " (id int)");
    String column = "col'umn\\ \"x\"";

    db.execute(SchemaUpgrade.column(table, column, "text DEFAULT 'it''s'"));
    db.execute(SchemaUpgrade.column(table, column, "text DEFAULT 'it''s'"));
    String index = "ix'); DROP TABLE victim; --";
    String schema = Identifier.quote(HOSTILE_SCHEMA);
    db.execute(SchemaUpgrade.index(schema, index, table, "(id)"));
    db.execute(SchemaUpgrade.index(schema, index, table, "(id)"));

    assertThat(
            db.strings(
                "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass("
                    + SqlLiteral.quote(table)
                    + ") AND attnum > 0"))
        .containsExactly("id", column);
    assertThat(
            db.strings(
                "SELECT indexname FROM pg_indexes WHERE schemaname = "
                    + SqlLiteral.quote(HOSTILE_SCHEMA)))
        .containsExactly(index);
    assertThat(db.strings("SELECT to_regclass('public.victim')::text")).containsExactly("victim");
  }

  /**
   * While another session has run {@code held} in a transaction it keeps open, {@code upgrade}
   * finishes at once, and {@code plain}, the statement it replaces, waits for that session's lock
   * (which is why {@link SchemaUpgrade} exists).
   */
  private static void whileAnotherSessionRan(
      TestDatabase db, String held, String upgrade, String plain) throws SQLException {
    try (Connection other = db.connect();
        Connection upgrader = db.connect();
        Statement otherStatement = other.createStatement();
        Statement statement = upgrader.createStatement()) {
      other.setAutoCommit(false);
      otherStatement.execute(held);
      statement.execute("SET lock_timeout = '200ms'");

      statement.execute(upgrade);

      assertThatThrownBy(() -> statement.execute(plain))
          .as(plain)
          .hasMessageContaining("lock timeout");
      other.rollback();
    }
  }
}
