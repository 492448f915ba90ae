package dev.pgpipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithPostgres
class QueryResultsTest {

  record Trade(long tradeId, String symbol, BigDecimal price, @Nullable Integer size) {}

  record Missing(long tradeId, String venue) {}

  private static Database db;

  @BeforeAll
  static void open(TestDatabase database) {
    db = Database.open(database.url());
    db.sql(
            "CREATE TABLE trades (trade_id int8 PRIMARY KEY, symbol text NOT NULL,"
                + " price numeric(18,9) NOT NULL, size int4, at timestamptz DEFAULT now())")
        .update();
    db.sql(
            "INSERT INTO trades (trade_id, symbol, price, size) VALUES"
                + " (1, 'ESZ6', 6012.25, 3), (2, 'ESZ6', 6012.50, NULL), (3, 'NQZ6', 21000.75, 1)")
        .update();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void listMapsSnakeCaseColumnsToRecordComponents() {
    List<Trade> trades = db.sql("SELECT * FROM trades ORDER BY trade_id").as(Trade.class).list();

    assertThat(trades)
        .containsExactly(
            new Trade(1, "ESZ6", new BigDecimal("6012.250000000"), 3),
            new Trade(2, "ESZ6", new BigDecimal("6012.500000000"), null),
            new Trade(3, "NQZ6", new BigDecimal("21000.750000000"), 1));
  }

  @Test
  void oneReturnsTheOnlyRowAndFailsOnNoneOrMore() {
    Trade trade = db.sql("SELECT * FROM trades WHERE trade_id = ?", 3L).as(Trade.class).one();
    assertThat(trade.symbol()).isEqualTo("NQZ6");

    assertThatThrownBy(
            () -> db.sql("SELECT * FROM trades WHERE trade_id = 99").as(Trade.class).one())
        .isInstanceOf(PgException.class)
        .hasMessageContaining("exactly one row, got none");
    assertThatThrownBy(() -> db.sql("SELECT * FROM trades").as(Trade.class).one())
        .hasMessageContaining("exactly one row, got more");
  }

  @Test
  void optionalIsEmptyForNoRowAndFailsForTwo() {
    assertThat(db.sql("SELECT symbol FROM trades WHERE trade_id = 99").as(String.class).optional())
        .isEmpty();
    assertThat(db.sql("SELECT symbol FROM trades WHERE trade_id = 1").as(String.class).optional())
        .contains("ESZ6");
    assertThatThrownBy(() -> db.sql("SELECT symbol FROM trades").as(String.class).optional())
        .hasMessageContaining("at most one row");
  }

  @Test
  void firstTakesTheFirstOfMany() {
    assertThat(db.sql("SELECT trade_id FROM trades ORDER BY trade_id DESC").as(Long.class).first())
        .contains(3L);
    assertThat(db.sql("SELECT trade_id FROM trades WHERE false").as(Long.class).first()).isEmpty();
  }

  @Test
  void scalarReadsOneValueAndNamedParametersBindByName() {
    long count =
        db.sql("SELECT count(*) FROM trades WHERE symbol = :symbol AND price > :min")
            .bind("symbol", "ESZ6")
            .bind("min", new BigDecimal("6012.30"))
            .scalar(Long.class);

    assertThat(count).isEqualTo(1);
  }

  @Test
  void scalarOfNullSaysHowToHandleIt() {
    assertThatThrownBy(
            () -> db.sql("SELECT size FROM trades WHERE trade_id = 2").scalar(Integer.class))
        .isInstanceOf(PgException.class)
        .hasMessageContaining("column size is NULL")
        .hasMessageContaining("COALESCE");
  }

  @Test
  void mapsKeepColumnOrderAndNaturalTypes() {
    Map<String, @Nullable Object> row =
        db.sql("SELECT trade_id, symbol, size, at FROM trades WHERE trade_id = 2").asMaps().one();

    assertThat(row.keySet()).containsExactly("trade_id", "symbol", "size", "at");
    assertThat(row.get("trade_id")).isEqualTo(2L);
    assertThat(row.get("size")).isNull();
    assertThat(row.get("at")).isInstanceOf(OffsetDateTime.class);
  }

  @Test
  void updateReturnsTheRowCount() {
    db.sql("CREATE TABLE counters (id int PRIMARY KEY, n int)").update();
    assertThat(db.sql("INSERT INTO counters SELECT g, 0 FROM generate_series(1, 5) g").update())
        .isEqualTo(5);
    assertThat(db.sql("UPDATE counters SET n = n + 1 WHERE id <= ?", 3).update()).isEqualTo(3);
  }

  @Test
  void streamFetchesLazilyAndGivesTheConnectionBackOnClose() {
    long sum;
    try (Stream<Long> ids =
        db
            .sql("SELECT g FROM generate_series(1, 100000) g")
            .fetchSize(500)
            .as(Long.class)
            .stream()) {
      assertThat(db.stats().active()).isEqualTo(1);
      sum = ids.mapToLong(Long::longValue).sum();
    }

    assertThat(sum).isEqualTo(100000L * 100001 / 2);
    assertThat(db.stats().active()).isZero();
  }

  @Test
  void customRowMapperSeesEachRow() {
    List<String> labels =
        db.sql("SELECT symbol, trade_id FROM trades ORDER BY trade_id")
            .map(row -> row.getString(1) + "#" + row.getLong(2))
            .list();

    assertThat(labels).containsExactly("ESZ6#1", "ESZ6#2", "NQZ6#3");
  }

  @Test
  void mappingErrorsNameTheMissingColumnAndTheRecord() {
    assertThatThrownBy(() -> db.sql("SELECT trade_id FROM trades").as(Missing.class).list())
        .isInstanceOf(PgException.class)
        .hasMessageContaining("Missing")
        .hasMessageContaining("'venue'")
        .hasMessageContaining("[trade_id]");
  }

  @Test
  void parameterCountMismatchIsAClientError() {
    assertThatThrownBy(() -> db.sql("SELECT ? + ?", 1).scalar(Integer.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 ? parameters but 1 values");
    assertThatThrownBy(() -> db.sql("SELECT :a::int").scalar(Integer.class))
        .hasMessageContaining("no value bound for :a");
  }

  @Test
  void serverErrorsKeepSqlStatePositionAndStatement() {
    assertThatThrownBy(() -> db.sql("SELECT nosuchcolumn FROM trades").asMaps().list())
        .isInstanceOfSatisfying(
            PgException.class,
            e -> {
              assertThat(e.sqlState()).isEqualTo("42703");
              assertThat(e.position()).isEqualTo(8);
              assertThat(e.getMessage()).contains("SELECT nosuchcolumn FROM trades");
            });
  }

  @Test
  void constraintViolationsHaveTypedPredicates() {
    assertThatThrownBy(
            () ->
                db.sql("INSERT INTO trades (trade_id, symbol, price) VALUES (1, 'X', 1)").update())
        .isInstanceOfSatisfying(
            PgException.class,
            e -> {
              assertThat(e.isUniqueViolation()).isTrue();
              assertThat(e.detail()).contains("(trade_id)=(1)");
              assertThat(e.server().table()).isEqualTo("trades");
              assertThat(e.server().constraint()).isEqualTo("trades_pkey");
            });
    assertThatThrownBy(() -> db.sql("INSERT INTO trades (trade_id, price) VALUES (9, 1)").update())
        .isInstanceOfSatisfying(
            PgException.class, e -> assertThat(e.isNotNullViolation()).isTrue());
    assertThatThrownBy(() -> db.sql("SELECT * FROM nowhere").asMaps().list())
        .isInstanceOfSatisfying(PgException.class, e -> assertThat(e.isUndefinedTable()).isTrue());
  }
}
