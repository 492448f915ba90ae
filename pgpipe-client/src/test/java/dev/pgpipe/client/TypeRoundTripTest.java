package dev.pgpipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithPostgres
class TypeRoundTripTest {

  enum Side {
    BID,
    ASK
  }

  record Everything(
      @Nullable Short smallValue,
      @Nullable Integer intValue,
      @Nullable Long bigValue,
      @Nullable Double doubleValue,
      @Nullable Float floatValue,
      @Nullable Boolean flag,
      @Nullable BigDecimal amount,
      @Nullable String label,
      byte @Nullable [] payload,
      @Nullable UUID id,
      @Nullable LocalDate day,
      @Nullable LocalTime clock,
      @Nullable LocalDateTime wall,
      @Nullable Instant instant,
      @Nullable OffsetDateTime offset,
      @Nullable Side side,
      @Nullable String document,
      @Nullable List<Integer> numbers,
      String @Nullable [] words) {}

  private static Database db;

  @BeforeAll
  static void open(TestDatabase database) {
    db = Database.open(database.url());
    db.sql("CREATE TYPE side AS ENUM ('BID', 'ASK')").update();
    db.sql(
            "CREATE TABLE everything (small_value int2, int_value int4, big_value int8,"
                + " double_value float8, float_value float4, flag bool, amount numeric,"
                + " label text, payload bytea, id uuid, day date, clock time, wall timestamp,"
                + " instant timestamptz, \"offset\" timestamptz, side side, document jsonb,"
                + " numbers int4[], words text[])")
        .update();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static Everything roundTrip(Everything value) {
    db.sql("TRUNCATE everything").update();
    db.sql(
            "INSERT INTO everything VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            value.smallValue(),
            value.intValue(),
            value.bigValue(),
            value.doubleValue(),
            value.floatValue(),
            value.flag(),
            value.amount(),
            value.label(),
            value.payload(),
            value.id(),
            value.day(),
            value.clock(),
            value.wall(),
            value.instant(),
            value.offset(),
            value.side(),
            value.document() == null ? null : Json.of(value.document()),
            value.numbers(),
            value.words())
        .update();
    return db.sql("SELECT * FROM everything").as(Everything.class).one();
  }

  @Test
  void ordinaryValuesComeBackEqual() {
    Everything value =
        new Everything(
            (short) -7,
            Integer.MIN_VALUE,
            Long.MAX_VALUE,
            -0.5e300,
            1.5f,
            true,
            new BigDecimal("-123456789012345678901234567890.000000000001"),
            "Grüße, 世界 🚀",
            new byte[] {0, 1, (byte) 0xFF},
            UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"),
            LocalDate.of(1999, 12, 31),
            LocalTime.of(23, 59, 59, 999_999_000),
            LocalDateTime.of(2026, 11, 22, 9, 30, 0, 123_456_000),
            Instant.parse("2026-11-22T14:30:00.000001Z"),
            OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC),
            Side.ASK,
            "{\"a\": [1, 2, {\"b\": null}]}",
            List.of(1, -2, 3),
            new String[] {"x", "y z", "\"quoted\""});

    Everything back = roundTrip(value);

    assertThat(back).usingRecursiveComparison().isEqualTo(value);
  }

  @Test
  void nullsComeBackAsNull() {
    Everything nothing =
        new Everything(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);

    assertThat(roundTrip(nothing)).isEqualTo(nothing);
  }

  @Test
  void infiniteTimestampsAndDatesMapToMaxAndMin() {
    record Edges(
        LocalDate dayPlus,
        LocalDate dayMinus,
        LocalDateTime wallPlus,
        Instant instantPlus,
        Instant instantMinus,
        OffsetDateTime offsetMinus) {}

    Edges edges =
        db.sql(
                "SELECT 'infinity'::date AS day_plus, '-infinity'::date AS day_minus,"
                    + " 'infinity'::timestamp AS wall_plus, 'infinity'::timestamptz AS instant_plus,"
                    + " '-infinity'::timestamptz AS instant_minus,"
                    + " '-infinity'::timestamptz AS offset_minus")
            .as(Edges.class)
            .one();

    assertThat(edges)
        .isEqualTo(
            new Edges(
                LocalDate.MAX,
                LocalDate.MIN,
                LocalDateTime.MAX,
                Instant.MAX,
                Instant.MIN,
                OffsetDateTime.MIN));
    assertThat(db.sql("SELECT ?::timestamptz = 'infinity'", Instant.MAX).scalar(Boolean.class))
        .isTrue();
    assertThat(db.sql("SELECT ?::date = '-infinity'", LocalDate.MIN).scalar(Boolean.class))
        .isTrue();
  }

  @Test
  void numericNanReadsAsDoubleAndRefusesBigDecimalWithAReason() {
    assertThat(db.sql("SELECT 'NaN'::numeric").scalar(Number.class)).isEqualTo(Double.NaN);
    assertThat(db.sql("SELECT 'NaN'::numeric").scalar(Double.class)).isNaN();
    assertThatThrownBy(() -> db.sql("SELECT 'NaN'::numeric AS n").scalar(BigDecimal.class))
        .isInstanceOf(PgException.class)
        .hasMessageContaining("column n holds NaN")
        .hasMessageContaining("double or Number");
    assertThat(
            db.sql("SELECT ?::numeric", new BigInteger("123456789012345678901234567890"))
                .scalar(BigInteger.class))
        .isEqualTo(new BigInteger("123456789012345678901234567890"));
  }

  @Test
  void emptyAndNullContainingArraysRoundTrip() {
    assertThat(db.sql("SELECT ?::int4[]", List.of()).scalar(List.class)).isEmpty();
    assertThat(
            db.sql("SELECT ?", SqlArray.of("int8", Arrays.asList(1L, null, 3L))).scalar(List.class))
        .containsExactly(1L, null, 3L);
    assertThat(db.sql("SELECT ARRAY['a', NULL]::text[]").scalar(String[].class))
        .containsExactly("a", null);
    assertThat(db.sql("SELECT ARRAY[[1,2],[3,4]]::int8[]").scalar(Long[][].class))
        .isEqualTo(new Long[][] {{1L, 2L}, {3L, 4L}});
    assertThat(db.sql("SELECT ?::int4[]", (Object) new int[] {4, 5}).scalar(int[].class))
        .containsExactly(4, 5);
    assertThatThrownBy(() -> db.sql("SELECT ARRAY[1, NULL]::int4[]").scalar(int[].class))
        .hasMessageContaining("element 2 is NULL");
  }

  @Test
  void enumsAndJsonTravelAsText() {
    assertThat(db.sql("SELECT 'BID'::side").scalar(Side.class)).isEqualTo(Side.BID);
    assertThat(db.sql("SELECT ?::side::text", Side.ASK).scalar(String.class)).isEqualTo("ASK");
    assertThat(db.sql("SELECT ?::jsonb ->> 'k'", Json.of("{\"k\": \"v\"}")).scalar(String.class))
        .isEqualTo("v");
    assertThatThrownBy(() -> db.sql("SELECT 'SELL'").scalar(Side.class))
        .hasMessageContaining("'SELL' is not a constant of enum");
  }

  @Test
  void timestamptzIsTheSameInstantWhateverTheSessionZone() {
    Instant instant = Instant.parse("2026-03-29T01:30:00Z");
    db.useTransaction(
        tx -> {
          tx.sql("SET LOCAL TimeZone = 'Pacific/Chatham'").update();
          assertThat(tx.sql("SELECT ?::timestamptz", instant).scalar(Instant.class))
              .isEqualTo(instant);
        });
  }

  @Test
  void unsupportedParameterTypesAreRejectedOnTheClient() {
    assertThatThrownBy(() -> db.sql("SELECT ?", new StringBuilder("x")).scalar(String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.StringBuilder");
  }
}
