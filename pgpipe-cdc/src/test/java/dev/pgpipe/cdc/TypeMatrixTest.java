package dev.pgpipe.cdc;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@WithPostgres
class TypeMatrixTest {

  private static final String COLUMNS =
      "id int PRIMARY KEY, b bool, i2 int2, i8 int8, f4 float4, f8 float8, n numeric, n_nan numeric,"
          + " n_inf numeric, money_like numeric(30,10), t text, vc varchar(5), ts timestamp,"
          + " tstz timestamptz, d date, d_inf date, tm time, by bytea, u uuid, j json, jb jsonb,"
          + " ia int[], ta text[], mood_col mood, pos positive_int, pos_arr positive_int[],"
          + " iv interval, ip inet";

  private static final String VALUES =
      "1, true, -32768, 9223372036854775807, 'NaN', '-Infinity', 123456789012345678901234567890.5,"
          + " 'NaN', '-Infinity', 1.1, 'héllo \"q\"', 'abc', '2024-02-29 13:14:15.123456',"
          + " '2024-02-29 13:14:15.123456+05:30', '0044-03-15 BC', 'infinity', '24:00:00',"
          + " '\\x00ff', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\":1}', '{\"b\": [1, 2]}',"
          + " '{{1,2},{3,NULL}}', '{\"a,b\",NULL,\"\"}', 'happy', 7, '{1,2}', '1 day 02:00:00',"
          + " '10.0.0.1/8'";

  @Test
  void everyTypeArrivesAsItsJavaValueInUtcWhateverTheJvmZone(TestDatabase database) {
    database.execute(
        "CREATE TYPE mood AS ENUM ('sad', 'happy')",
        "CREATE DOMAIN positive_int AS int CHECK (VALUE > 0)",
        "CREATE TABLE types (" + COLUMNS + ")");
    TimeZone original = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
    Map<String, Object> row;
    Transaction tx;
    try (ChangeStream stream = ChangeStream.open(Streams.config(database, "types").build())) {
      database.execute(
          "INSERT INTO types VALUES (" + VALUES + ")", "INSERT INTO types (id) VALUES (2)");
      List<Transaction> txs = Streams.take(stream, 2);
      tx = txs.get(0);
      row = new java.util.HashMap<>(requireNonNull(tx.events().get(0).after()));
      assertThat(txs.get(1).events().get(0).after()).containsEntry("b", null).hasSize(28);
    } finally {
      TimeZone.setDefault(original);
    }
    assertThat(row)
        .containsEntry("b", true)
        .containsEntry("i2", (short) -32768)
        .containsEntry("i8", Long.MAX_VALUE)
        .containsEntry("f4", Float.NaN)
        .containsEntry("f8", Double.NEGATIVE_INFINITY)
        .containsEntry("n", new BigDecimal("123456789012345678901234567890.5"))
        .containsEntry("n_nan", Double.NaN)
        .containsEntry("n_inf", Double.NEGATIVE_INFINITY)
        .containsEntry("money_like", new BigDecimal("1.1000000000"))
        .containsEntry("t", "héllo \"q\"")
        .containsEntry("ts", LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000))
        .containsEntry("tstz", Instant.parse("2024-02-29T07:44:15.123456Z"))
        .containsEntry("d", LocalDate.of(-43, 3, 15))
        .containsEntry("d_inf", LocalDate.MAX)
        .containsEntry("tm", LocalTime.MAX)
        .containsEntry("u", UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"))
        .containsEntry("j", "{\"a\":1}")
        .containsEntry("jb", "{\"b\": [1, 2]}")
        .containsEntry("ia", List.of(List.of(1, 2), Arrays.asList(3, null)))
        .containsEntry("ta", Arrays.asList("a,b", null, ""))
        .containsEntry("mood_col", "happy")
        .containsEntry("pos", 7)
        .containsEntry("pos_arr", List.of(1, 2))
        .containsEntry("iv", "1 day 02:00:00")
        .containsEntry("ip", "10.0.0.1/8");
    assertThat((byte[]) row.get("by")).containsExactly(0, -1);
    EnvelopeCodec codec = new EnvelopeCodec();
    assertThat(codec.encode(codec.decodeTransaction(codec.encode(tx)))).isEqualTo(codec.encode(tx));
  }
}
