package dev.pgpipe.cdc.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Column;
import dev.pgpipe.cdc.EventPosition;
import dev.pgpipe.cdc.LogicalMessage;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.Unchanged;
import dev.pgpipe.cdc.value.ValueKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

  private static final Instant COMMIT = Instant.parse("2024-05-06T07:08:09.123456Z");
  private final EnvelopeCodec codec = new EnvelopeCodec();

  /** One column per kind and edge value, named after both. */
  private static final Object[][] VALUES = {
    {ValueKind.BOOL, true},
    {ValueKind.INT16, (short) -32768},
    {ValueKind.INT32, Integer.MAX_VALUE},
    {ValueKind.INT64, Long.MIN_VALUE},
    {ValueKind.INT64, 9_007_199_254_740_992L},
    {ValueKind.FLOAT32, 1.1f},
    {ValueKind.FLOAT32, Float.NaN},
    {ValueKind.FLOAT64, -0.0},
    {ValueKind.FLOAT64, Double.NEGATIVE_INFINITY},
    {ValueKind.FLOAT64, 1e-300},
    {ValueKind.NUMERIC, new BigDecimal("1.10")},
    {ValueKind.NUMERIC, new BigDecimal("123456789012345678901234567890.000000000000000000001")},
    {ValueKind.NUMERIC, new BigDecimal("1E+3")},
    {ValueKind.NUMERIC, Double.NaN},
    {ValueKind.NUMERIC, Double.POSITIVE_INFINITY},
    {ValueKind.BYTES, new byte[] {0, -1, 127}},
    {ValueKind.UUID, UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")},
    {ValueKind.DATE, LocalDate.MAX},
    {ValueKind.DATE, LocalDate.of(-4712, 11, 24)},
    {ValueKind.TIME, LocalTime.MAX},
    {ValueKind.TIME, LocalTime.of(13, 14)},
    {ValueKind.TIMETZ, OffsetTime.of(1, 2, 3, 4000, ZoneOffset.ofHoursMinutes(-3, -30))},
    {ValueKind.TIMESTAMP, LocalDateTime.MIN},
    {ValueKind.TIMESTAMP, LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1000)},
    {ValueKind.TIMESTAMPTZ, Instant.MAX},
    {ValueKind.TIMESTAMPTZ, Instant.parse("1999-12-31T23:59:59.999999Z")},
    {ValueKind.JSON, "{\"a\": [1, 2.50]}"},
    {ValueKind.STRING, "{\"$unchanged\":true} is only text here, \n\u0000-free, ünïcode"},
    {ValueKind.STRING, Unchanged.VALUE},
    {ValueKind.STRING, null},
  };

  static ChangeEvent everyKind() {
    List<Column> columns = new ArrayList<>();
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < VALUES.length; i++) {
      ValueKind kind = (ValueKind) VALUES[i][0];
      String name = "c" + i + "_" + kind.name().toLowerCase(java.util.Locale.ROOT);
      columns.add(new Column(name, kind.name(), 1000 + i, kind, false, true, i == 0));
      row.put(name, VALUES[i][1]);
    }
    columns.add(new Column("ints", "_int4", 1007, ValueKind.INT32, true, false, false));
    row.put("ints", List.of(List.of(1, 2), Arrays.asList(3, null)));
    TableSchema table = new TableSchema("public", "every kind", 'f', columns);
    Map<String, Object> before = Map.of(columns.get(0).name(), false);
    return new ChangeEvent(
        Operation.UPDATE,
        table,
        before,
        row,
        null,
        0,
        new EventPosition(0x1_0000_0010L, 7, COMMIT, 3));
  }

  /** Field by field; values by {@link #same}: NaN equals NaN, -0.0 differs from 0.0. */
  static void assertRoundTrip(Object actual, Object expected) {
    assertThat(actual)
        .usingRecursiveComparison()
        .ignoringFieldsMatchingRegexes(".*before.*", ".*after.*")
        .isEqualTo(expected);
    List<ChangeEvent> actualEvents =
        actual instanceof Transaction t ? t.events() : List.of((ChangeEvent) actual);
    List<ChangeEvent> expectedEvents =
        expected instanceof Transaction t ? t.events() : List.of((ChangeEvent) expected);
    for (int i = 0; i < expectedEvents.size(); i++) {
      assertThat(same(actualEvents.get(i).before(), expectedEvents.get(i).before())).isTrue();
      assertThat(same(actualEvents.get(i).after(), expectedEvents.get(i).after()))
          .as("after of event %d: %s", i, actualEvents.get(i).after())
          .isTrue();
    }
  }

  /** Deep equality with arrays by content, and exact type and {@code equals} for the rest. */
  static boolean same(@Nullable Object a, @Nullable Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      return x.size() == y.size()
          && java.util.stream.IntStream.range(0, x.size()).allMatch(i -> same(x.get(i), y.get(i)));
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return x.keySet().equals(y.keySet())
          && x.keySet().stream().allMatch(k -> same(x.get(k), y.get(k)));
    }
    return java.util.Objects.equals(a, b);
  }

  @Test
  void eventWithEveryKindAndEdgeValueRoundTripsExactly() {
    ChangeEvent event = everyKind();
    String line = codec.encode(event);
    assertThat(line).doesNotContain("\n").contains("\"format\":\"pgpipe.cdc.event/1\"");
    assertRoundTrip(codec.decodeEvent(line), event);
    assertRoundTrip(codec.decodeEvent(codec.encodeBytes(event)), event);
  }

  @Test
  void valuesKeepTheirJsonTypes() {
    String line = codec.encode(everyKind());
    assertThat(line)
        .contains("\"c4_int64\":\"9007199254740992\"")
        .contains("\"c10_numeric\":1.10")
        .contains("\"c11_numeric\":\"123456789012345678901234567890.000000000000000000001\"")
        .contains("\"c7_float64\":\"-0\"")
        .contains("\"c15_bytes\":\"AP9/\"")
        .contains("\"c17_date\":\"infinity\"")
        .contains("\"c28_string\":{\"$unchanged\":true}")
        .contains("\"c29_string\":null");
  }

  @Test
  void transactionsTruncatesAndMessagesRoundTrip() {
    EventPosition position = new EventPosition(5, 9, COMMIT, 1);
    ChangeEvent truncate =
        new ChangeEvent(
            Operation.TRUNCATE,
            new TableSchema("s", "t", 'd', List.of()),
            null,
            null,
            null,
            ChangeEvent.TRUNCATE_RESTART_IDENTITY,
            position);
    ChangeEvent message =
        new ChangeEvent(
            Operation.MESSAGE,
            null,
            null,
            null,
            new LogicalMessage("p", new byte[] {1}, true),
            0,
            position);
    Transaction tx =
        new Transaction(9, 1, 2, 3, COMMIT, List.of(everyKind(), truncate, message), 2, false);
    String line = codec.encode(tx);
    assertRoundTrip(codec.decodeTransaction(line), tx);
    assertThat(line).contains("\"end_lsn\":\"0/3\"").contains("\"restart_identity\":true");
  }

  @Test
  void rejectsLinesThatAreNotEnvelopes() {
    assertThatThrownBy(() -> codec.decodeEvent("{\"format\":\"other\"}"))
        .isInstanceOf(EnvelopeException.class)
        .hasMessageContaining("pgpipe.cdc.event/1");
    assertThatThrownBy(() -> codec.decodeTransaction("not json"))
        .isInstanceOf(EnvelopeException.class);
    assertThatThrownBy(
            () -> codec.decodeEvent("{\"format\":\"pgpipe.cdc.event/1\",\"op\":\"insert\"}"))
        .isInstanceOf(EnvelopeException.class)
        .hasMessageContaining("lsn");
  }
}
