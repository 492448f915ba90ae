package dev.pgpipe.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.client.Database;
import dev.pgpipe.copy.codec.PgType;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithPostgres
class RecordMappingTest {

  enum Side {
    BID,
    ASK
  }

  @PgTable(
      schema = "market",
      name = "trades",
      primaryKey = {"instrument_id", "seq"})
  record Trade(
      @PgColumn(name = "ts_event", epoch = EpochUnit.NANOS) long tsEventNanos,
      Instant tsRecv,
      long instrumentId,
      @PgColumn(name = "seq") long sequence,
      @PgColumn(type = "numeric(18,9)") BigDecimal price,
      int size,
      char action,
      Side side,
      @Nullable String venue,
      @PgIgnore String scratch) {}

  record PlainThing(long id, double weightKg, boolean active, @Nullable String httpServerName) {}

  private static Database db;

  @BeforeAll
  static void open(TestDatabase database) {
    db = Database.open(database.url());
    db.sql("CREATE SCHEMA market").update();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void derivesNamesTypesKeyAndNullabilityFromTheRecordAndItsAnnotations() {
    Table<Trade> table = Table.of(Trade.class);

    assertThat(table.schema()).isEqualTo("market");
    assertThat(table.name()).isEqualTo("trades");
    assertThat(table.columnNames())
        .containsExactly(
            "ts_event",
            "ts_recv",
            "instrument_id",
            "seq",
            "price",
            "size",
            "action",
            "side",
            "venue");
    assertThat(table.columns())
        .extracting(c -> c.type().formatType())
        .containsExactly(
            "timestamp with time zone",
            "timestamp with time zone",
            "bigint",
            "bigint",
            "numeric(18,9)",
            "integer",
            "character(1)",
            "text",
            "text");
    assertThat(table.primaryKey()).containsExactly("instrument_id", "seq");
    assertThat(table.columns()).filteredOn(MappedColumn::notNull).hasSize(5);
    assertThat(table.columns()).filteredOn(MappedColumn::primitive).hasSize(5);
    assertThat(Table.of(PlainThing.class).qualifiedName()).isEqualTo("\"public\".\"plain_thing\"");
    assertThat(Table.of(PlainThing.class).columnNames())
        .containsExactly("id", "weight_kg", "active", "http_server_name");
  }

  @Test
  void loadsRecordsThroughATransformAndReadsTheSameValuesBack() {
    Table<Trade> table = Table.of(Trade.class);
    db.sql(table.createSql()).update();
    long nanos = 1_700_000_000_123_456_789L;
    Map<Long, Long> underlying = new java.util.concurrent.ConcurrentHashMap<>(Map.of(7L, 70L));
    try (CopyWriter<Trade> copy = CopyWriter.open(db, table)) {
      RowWriter<long[]> fromRaw =
          copy.from(
              raw ->
                  new Trade(
                      nanos,
                      Instant.ofEpochSecond(raw[1]),
                      underlying.getOrDefault(raw[0], -1L),
                      raw[1],
                      new BigDecimal("101.5"),
                      3,
                      'B',
                      Side.ASK,
                      null,
                      "ignored"));
      fromRaw.write(new long[] {7, 1});
      underlying.put(7L, 71L); // lookups may change while loading
      fromRaw.write(new long[] {7, 2});
      assertThat(copy.finish().rows()).isEqualTo(2);
    }

    var rows =
        db.sql(
                "SELECT instrument_id, seq, ts_event, price::text AS price, action, side, venue"
                    + " FROM market.trades ORDER BY seq")
            .asMaps()
            .list();
    assertThat(rows).extracting(r -> r.get("instrument_id")).containsExactly(70L, 71L);
    assertThat(rows.get(0).get("price")).isEqualTo("101.500000000");
    assertThat(rows.get(0).get("action")).isEqualTo("B");
    assertThat(rows.get(0).get("side")).isEqualTo("ASK");
    assertThat(rows.get(0).get("venue")).isNull();
    assertThat(
            db.sql(
                    "SELECT (extract(epoch FROM ts_event) * 1000000)::int8 FROM market.trades LIMIT 1")
                .scalar(Long.class))
        .isEqualTo(nanos / 1000);
  }

  @Test
  void loadsObjectArraysAndMapsWithExplicitTables() {
    db.sql("CREATE TABLE changes (id int8 PRIMARY KEY, payload jsonb, tags text[])").update();
    Map<String, String> types = new LinkedHashMap<>();
    types.put("id", "int8");
    types.put("payload", "jsonb");
    types.put("tags", "text[]");
    try (CopyWriter<Object[]> arrays = CopyWriter.open(db, Table.forArrays("changes", types))) {
      arrays.write(new Object[] {1L, "{\"a\": 1}", List.of("x", "y")});
      arrays.finish();
    }
    try (CopyWriter<Map<String, ?>> maps = CopyWriter.open(db, Table.forMaps("changes", types))) {
      maps.write(Map.of("id", 2L, "tags", new String[] {"z"}));
      maps.finish();
    }

    assertThat(db.sql("SELECT payload->>'a' FROM changes WHERE id = 1").scalar(String.class))
        .isEqualTo("1");
    assertThat(
            db.sql("SELECT array_to_string(tags, ',') FROM changes ORDER BY id")
                .as(String.class)
                .list())
        .containsExactly("x,y", "z");
  }

  @Test
  void refusesAnIntForAnInt8ColumnNamingTableColumnExpectedAndActual() {
    db.sql("CREATE TABLE wide (id int8, name varchar(5), amount numeric(10,2))").update();
    Table<Object[]> table =
        Table.forArrays(
            "wide", Map.of("id", "int8", "name", "varchar(5)", "amount", "numeric(10,2)"));
    List<String> order = table.columnNames();
    try (CopyWriter<Object[]> copy = CopyWriter.open(db, table)) {
      Object[] row = new Object[3];
      row[order.indexOf("id")] = 1;
      row[order.indexOf("name")] = "ok";
      row[order.indexOf("amount")] = BigDecimal.ONE;
      assertThatThrownBy(() -> copy.write(row))
          .isInstanceOfSatisfying(
              EncodingException.class,
              e -> {
                assertThat(e.table()).isEqualTo("public.wide");
                assertThat(e.column()).isEqualTo("id");
                assertThat(e.expected()).isEqualTo("bigint (Long)");
                assertThat(e.actual()).isEqualTo("Integer");
                assertThat(e.row()).isZero();
              });
      row[order.indexOf("id")] = 1L;
      row[order.indexOf("name")] = "too long";
      assertThatThrownBy(() -> copy.write(row))
          .hasMessageContaining("column name")
          .hasMessageContaining("at most 5 characters")
          .hasMessageContaining("8 characters");
      row[order.indexOf("name")] = "ok";
      row[order.indexOf("amount")] = Double.POSITIVE_INFINITY;
      assertThatThrownBy(() -> copy.write(row))
          .hasMessageContaining("column amount")
          .hasMessageContaining("POSITIVE_INFINITY");
      row[order.indexOf("amount")] = new BigDecimal("123456789.5");
      assertThatThrownBy(() -> copy.write(row)).hasMessageContaining("numeric(10,2)");
      row[order.indexOf("amount")] = new BigDecimal("12.345");
      copy.write(row);
      assertThat(copy.finish().rows()).isEqualTo(1);
    }
    assertThat(db.sql("SELECT amount::text FROM wide").scalar(String.class)).isEqualTo("12.35");
  }

  @Test
  void refusesAPrimitiveAccessorThatDoesNotFitItsColumnWhenTheTableIsDefined() {
    assertThatThrownBy(
            () ->
                Table.<long[]>builder("t")
                    .column("n", PgType.parse("int4"), new Accessor.OfLong<>(r -> r[0]))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column n integer");
  }
}
