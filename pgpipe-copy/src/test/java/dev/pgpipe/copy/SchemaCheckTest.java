package dev.pgpipe.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.client.Database;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithPostgres
class SchemaCheckTest {

  @PgTable(name = "quotes", primaryKey = "id")
  record Quote(
      long id,
      @PgColumn(type = "varchar(10)") String venue,
      @PgColumn(type = "numeric(18,9)") BigDecimal price,
      int size,
      @PgColumn(type = "mood") String mood) {}

  private static Database db;

  @BeforeAll
  static void open(TestDatabase database) {
    db = Database.open(database.url());
    db.sql("CREATE TYPE mood AS ENUM ('calm', 'wild')").update();
  }

  @org.junit.jupiter.api.BeforeEach
  void dropTable() {
    db.sql("DROP TABLE IF EXISTS quotes").update();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static void write(SchemaMode mode) {
    try (CopyWriter<Quote> copy =
        CopyWriter.open(
            db, Table.of(Quote.class), CopyOptions.<Quote>defaults().schemaMode(mode))) {
      copy.write(new Quote(1, "XNAS", new BigDecimal("1.5"), 10, "calm"));
      copy.finish();
    }
  }

  @Test
  void strictListsEveryMismatchAtOnce() {
    db.sql(
            "CREATE TABLE quotes (id int4 PRIMARY KEY, venue varchar(5), price numeric(18,9),"
                + " mood text, required_note text NOT NULL)")
        .update();
    try {
      assertThatThrownBy(() -> write(SchemaMode.STRICT))
          .isInstanceOfSatisfying(
              SchemaMismatchException.class,
              e -> {
                assertThat(e.table()).isEqualTo("public.quotes");
                assertThat(e.mismatches())
                    .extracting(Mismatch::column)
                    .containsExactlyInAnyOrder("id", "venue", "size", "mood", "required_note");
                assertThat(e.getMessage())
                    .contains("5 mismatches")
                    .contains("column id: expected bigint, found integer")
                    .contains(
                        "column venue: expected character varying(10), found character varying(5)")
                    .contains("column size: expected integer, found missing");
              });
    } finally {
      db.sql("DROP TABLE quotes").update();
    }
  }

  @Test
  void warnWritesWhenEveryDifferenceIsSafeAndFailsOtherwise() {
    db.sql(
            "CREATE TABLE quotes (id int8 PRIMARY KEY, venue varchar(40), price numeric,"
                + " size int4, mood mood, note text)")
        .update();
    try {
      write(SchemaMode.WARN);
      assertThat(db.sql("SELECT count(*) FROM quotes").scalar(Long.class)).isEqualTo(1);
      assertThatThrownBy(() -> write(SchemaMode.STRICT))
          .isInstanceOf(SchemaMismatchException.class)
          .hasMessageContaining("(safe)");

      db.sql("ALTER TABLE quotes ALTER COLUMN size TYPE int8").update();
      assertThatThrownBy(() -> write(SchemaMode.WARN))
          .isInstanceOf(SchemaMismatchException.class)
          .hasMessageContaining("column size: expected integer, found bigint");
    } finally {
      db.sql("DROP TABLE quotes").update();
    }
  }

  @Test
  void bootstrapCreatesTheTableWithItsPrimaryKeyThenChecksIt() {
    write(SchemaMode.BOOTSTRAP);

    List<String> key =
        db.sql(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                    + " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'quotes'::regclass"
                    + " AND i.indisprimary")
            .as(String.class)
            .list();
    assertThat(key).containsExactly("id");
    assertThat(
            db.sql(
                    "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'quotes'::regclass AND attname = 'price'")
                .scalar(String.class))
        .isEqualTo("numeric(18,9)");
    assertThatThrownBy(() -> write(SchemaMode.STRICT))
        .isInstanceOf(CopyFailedException.class)
        .hasMessageContaining("23505");
    db.sql("DROP TABLE quotes").update();
  }

  @Test
  void strictFailsOnAMissingTable() {
    assertThatThrownBy(() -> write(SchemaMode.STRICT))
        .isInstanceOf(SchemaMismatchException.class)
        .hasMessageContaining("table: expected a table, found missing");
  }
}
