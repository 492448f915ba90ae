package dev.pgpipe.client.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.pgpipe.client.Database;
import dev.pgpipe.client.Isolation;
import dev.pgpipe.client.PgException;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The examples of {@code docs/client.md}, run against the embedded PostgreSQL. The code between
 * {@code // snippet: NAME} and {@code // end: NAME} is quoted by the guide; {@link
 * ClientGuideSnippetsTest} checks that the guide's blocks equal it.
 */
@WithPostgres
class ClientGuideExamplesTest {

  private static String url;

  @BeforeAll
  static void server(TestDatabase database) {
    url = database.url();
  }

  @Test
  void openCreateInsertAndReadRecords() {
    // snippet: first-steps
    record Order(long orderId, String status, BigDecimal total, Instant placedAt) {}

    try (Database db = Database.open(url)) {
      db.sql(
              "CREATE TABLE orders (order_id int8 PRIMARY KEY, status text NOT NULL,"
                  + " total numeric(12,2) NOT NULL, placed_at timestamptz NOT NULL)")
          .update();
      long inserted =
          db.sql(
                  "INSERT INTO orders VALUES (?, ?, ?, ?), (?, ?, ?, ?)",
                  1L,
                  "open",
                  new BigDecimal("19.90"),
                  Instant.parse("2026-01-02T10:00:00Z"),
                  2L,
                  "shipped",
                  new BigDecimal("5.00"),
                  Instant.parse("2026-01-03T11:30:00Z"))
              .update();

      List<Order> open =
          db.sql("SELECT * FROM orders WHERE status = :status ORDER BY order_id")
              .bind("status", "open")
              .as(Order.class)
              .list();
      Optional<Order> missing =
          db.sql("SELECT * FROM orders WHERE order_id = ?", 99L).as(Order.class).optional();
      long count = db.sql("SELECT count(*) FROM orders").scalar(Long.class);

      assertThat(inserted).isEqualTo(2);
      assertThat(open).extracting(Order::orderId).containsExactly(1L);
      assertThat(open.get(0).total()).isEqualByComparingTo("19.90");
      assertThat(missing).isEmpty();
      assertThat(count).isEqualTo(2);
    }
    // end: first-steps
  }

  @Test
  void streamALargeResultWithACursor() {
    // snippet: stream
    try (Database db = Database.open(url)) {
      db.sql(
              "CREATE TABLE readings AS SELECT g AS id, g * 0.5 AS value"
                  + " FROM generate_series(1, 100000) g")
          .update();
      long sum;
      try (Stream<Map<String, Object>> rows =
          db.sql("SELECT id, value FROM readings").fetchSize(5_000).asMaps().stream()) {
        sum = rows.mapToLong(row -> ((Number) row.get("id")).longValue()).sum();
      }
      assertThat(sum).isEqualTo(100_000L * 100_001L / 2);
    }
    // end: stream
  }

  @Test
  void transactionsRetryAndSavepoints() {
    // snippet: transaction
    try (Database db = Database.open(url)) {
      db.sql("CREATE TABLE stock (sku text PRIMARY KEY, qty int NOT NULL CHECK (qty >= 0))")
          .update();
      db.sql("CREATE TABLE sales (id serial PRIMARY KEY, sku text NOT NULL)").update();
      db.sql("INSERT INTO stock VALUES ('apple', 1)").update();

      // Serialization failures and deadlocks rerun the whole callback (capped backoff).
      int saleId =
          db.inTransaction(
              Isolation.SERIALIZABLE,
              tx -> {
                tx.sql("UPDATE stock SET qty = qty - 1 WHERE sku = ?", "apple").update();
                return tx.sql("INSERT INTO sales (sku) VALUES (?) RETURNING id", "apple")
                    .scalar(Integer.class);
              });

      // A savepoint undoes one part of a transaction and lets the rest commit.
      boolean soldOut =
          db.inTransaction(
              tx -> {
                try {
                  tx.inSavepoint(
                      sp -> tx.sql("UPDATE stock SET qty = qty - 1 WHERE sku = 'apple'").update());
                  return false;
                } catch (PgException e) {
                  return e.isCheckViolation();
                }
              });

      assertThat(saleId).isEqualTo(1);
      assertThat(soldOut).isTrue();
      assertThat(db.sql("SELECT qty FROM stock").scalar(Integer.class)).isZero();
    }
    // end: transaction
  }

  @Test
  void copyInAndOut() {
    // snippet: copy
    try (Database db = Database.open(url)) {
      db.sql("CREATE TABLE prices (symbol text PRIMARY KEY, px numeric NOT NULL)").update();
      byte[] csv = "symbol,px\nAAPL,189.5\nMSFT,411.25\n".getBytes(StandardCharsets.UTF_8);

      long loaded =
          db.copyIn("COPY prices FROM STDIN (FORMAT csv, HEADER)", new ByteArrayInputStream(csv));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long written = db.copyOut("COPY (SELECT * FROM prices ORDER BY symbol) TO STDOUT", out);

      assertThat(loaded).isEqualTo(2);
      assertThat(written).isEqualTo(2);
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("AAPL\t189.5\nMSFT\t411.25\n");
    }
    // end: copy
  }

  @Test
  void errorsCarryTheServersFacts() {
    // snippet: errors
    try (Database db = Database.open(url)) {
      db.sql("CREATE TABLE users (email text PRIMARY KEY)").update();
      db.sql("INSERT INTO users VALUES ('ada@example.com')").update();
      try {
        db.sql("INSERT INTO users VALUES ('ada@example.com')").update();
        fail("the second insert of one key must be refused");
      } catch (PgException e) {
        assertThat(e.isUniqueViolation()).isTrue();
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(e.detail()).contains("ada@example.com");
        assertThat(e.isTransient()).isFalse(); // running it again would fail again
      }
    }
    // end: errors
  }
}
