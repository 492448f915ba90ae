package dev.pgpipe.cdc.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValueDecoderTest {

  private final TypeRegistry types = new TypeRegistry();
  private final ValueDecoder decoder = new ValueDecoder(types);

  @Test
  void decodesNumbersIncludingNumericSpecialsAndAnyScale() {
    assertThat(decoder.decode("t", 16)).isEqualTo(true);
    assertThat(decoder.decode("-32768", 21)).isEqualTo((short) -32768);
    assertThat(decoder.decode("9223372036854775807", 20)).isEqualTo(Long.MAX_VALUE);
    assertThat(decoder.decode("NaN", 701)).isEqualTo(Double.NaN);
    assertThat(decoder.decode("-Infinity", 700)).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(decoder.decode("NaN", 1700)).isEqualTo(Double.NaN);
    assertThat(decoder.decode("Infinity", 1700)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(decoder.decode("123456789012345678901234567890.000000000000000000001", 1700))
        .isEqualTo(new BigDecimal("123456789012345678901234567890.000000000000000000001"));
    assertThat(decoder.decode("1.10", 1700)).isEqualTo(new BigDecimal("1.10"));
  }

  @Test
  void decodesTimestampWithTimeZoneToUtcWhateverTheOffsetPrinted() {
    Instant expected = Instant.parse("2024-03-01T10:00:00.5Z");
    assertThat(decoder.decode("2024-03-01 10:00:00.5+00", 1184)).isEqualTo(expected);
    assertThat(decoder.decode("2024-03-01 15:30:00.5+05:30", 1184)).isEqualTo(expected);
    assertThat(decoder.decode("2024-03-01 09:35:21.5-00:24:39", 1184)).isEqualTo(expected);
    assertThat(decoder.decode("infinity", 1184)).isEqualTo(Instant.MAX);
    assertThat(decoder.decode("0044-03-15 12:00:00+00 BC", 1184))
        .isEqualTo(LocalDateTime.of(-43, 3, 15, 12, 0).toInstant(ZoneOffset.UTC));
  }

  @Test
  void decodesDatesTimesAndTheirInfinities() {
    assertThat(decoder.decode("2024-02-29", 1082)).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(decoder.decode("infinity", 1082)).isEqualTo(LocalDate.MAX);
    assertThat(decoder.decode("-infinity", 1082)).isEqualTo(LocalDate.MIN);
    assertThat(decoder.decode("12345-01-01", 1082)).isEqualTo(LocalDate.of(12345, 1, 1));
    assertThat(decoder.decode("4713-11-24 BC", 1082)).isEqualTo(LocalDate.of(-4712, 11, 24));
    assertThat(decoder.decode("-infinity", 1114)).isEqualTo(LocalDateTime.MIN);
    assertThat(decoder.decode("2024-01-01 00:00:00.000001", 1114))
        .isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1000));
    assertThat(decoder.decode("24:00:00", 1083)).isEqualTo(LocalTime.MAX);
    assertThat(decoder.decode("13:14:15.5+02", 1266))
        .isEqualTo(OffsetTime.of(13, 14, 15, 500_000_000, ZoneOffset.ofHours(2)));
  }

  @Test
  void decodesByteaUuidJsonAndText() {
    assertThat((byte[]) decoder.decode("\\x00ff10", 17)).containsExactly(0, -1, 16);
    assertThat(decoder.decode("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", 2950))
        .isEqualTo(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
    assertThat(decoder.decode("{\"a\": [1, 2]}", 3802)).isEqualTo("{\"a\": [1, 2]}");
    assertThat(decoder.decode("1 year 2 mons", 1186)).isEqualTo("1 year 2 mons");
  }

  @Test
  void decodesArraysNestedQuotedAndWithNulls() {
    assertThat(decoder.decode("{1,NULL,3}", 1007)).isEqualTo(Arrays.asList(1, null, 3));
    assertThat(decoder.decode("{{1,2},{3,4}}", 1016))
        .isEqualTo(List.of(List.of(1L, 2L), List.of(3L, 4L)));
    assertThat(decoder.decode("{\"a b\",\"x\\\"y\",\"NULL\",plain}", 1009))
        .isEqualTo(List.of("a b", "x\"y", "NULL", "plain"));
    assertThat(decoder.decode("[0:1]={7,8}", 1007)).isEqualTo(List.of(7, 8));
    assertThat(decoder.decode("{}", 1007)).isEqualTo(List.of());
    assertThat(decoder.decode("{\"2024-01-01 00:00:00+00\",infinity}", 1185))
        .isEqualTo(List.of(Instant.parse("2024-01-01T00:00:00Z"), Instant.MAX));
  }

  @Test
  void resolvesEnumsAsStringsAndDomainsAndTheirArraysByBaseType() {
    types.register(new TypeInfo(70000, "mood", 'e', 0, 0));
    types.register(new TypeInfo(70001, "_mood", 'b', 70000, 0));
    types.register(new TypeInfo(70002, "positive_int", 'd', 0, 23));
    types.register(new TypeInfo(70003, "_positive_int", 'b', 70002, 0));
    assertThat(decoder.decode("happy", 70000)).isEqualTo("happy");
    assertThat(decoder.decode("{happy,sad}", 70001)).isEqualTo(List.of("happy", "sad"));
    assertThat(decoder.decode("5", 70002)).isEqualTo(5);
    assertThat(decoder.decode("{5,6}", 70003)).isEqualTo(List.of(5, 6));
    assertThat(types.resolve(70003)).isEqualTo(new ResolvedType(ValueKind.INT32, true));
  }

  @Test
  void badTextThrowsWithTypeAndText() {
    assertThatThrownBy(() -> decoder.decode("twelve", 23))
        .isInstanceOf(ValueFormatException.class)
        .hasMessageContaining("int4")
        .hasMessageContaining("twelve");
    assertThatThrownBy(() -> decoder.decode("{1,2", 1007)).hasMessageContaining("_int4");
  }
}
