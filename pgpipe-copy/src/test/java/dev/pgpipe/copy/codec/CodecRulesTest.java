package dev.pgpipe.copy.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the codecs refuse on the client, type names they read, and truncated streams. */
class CodecRulesTest {

  private static void encode(String type, Object value) {
    Codecs.forType(PgType.parse(type)).encode(value, new WireBuffer(16));
  }

  @Test
  void parsesWrittenAndCatalogTypeNamesAlike() {
    assertThat(PgType.parse("int8")).isEqualTo(PgType.parse("bigint"));
    assertThat(PgType.parse("varchar(20)").formatType()).isEqualTo("character varying(20)");
    assertThat(PgType.parse("char").formatType()).isEqualTo("character(1)");
    assertThat(PgType.parse("timestamp(3) with time zone").kind()).isEqualTo(PgKind.TIMESTAMPTZ);
    assertThat(PgType.parse("numeric(18,9)[]").formatType()).isEqualTo("numeric(18,9)[]");
    assertThat(PgType.parse("\"char\"").kind()).isEqualTo(PgKind.CHAR);
    assertThat(PgType.parse("market.side").enumName()).isEqualTo("market.side");
  }

  @Test
  void refusesValuesThatWouldBeCorruptedOrTruncatedSilently() {
    assertThatThrownBy(() -> encode("int8", 1)).hasMessage("expected bigint (Long), got Integer");
    assertThatThrownBy(() -> encode("int4", 1L)).hasMessageContaining("got Long");
    assertThatThrownBy(() -> encode("varchar(3)", "abcd"))
        .hasMessageContaining("at most 3 characters");
    assertThatThrownBy(() -> encode("name", "x".repeat(64))).hasMessageContaining("63 bytes");
    assertThatThrownBy(() -> encode("text", "a\0b")).hasMessageContaining("NUL at index 1");
    assertThatThrownBy(() -> encode("text", "\uD800")).hasMessageContaining("unpaired surrogate");
    assertThatThrownBy(() -> encode("numeric(5,2)", Double.NEGATIVE_INFINITY))
        .hasMessageContaining("only unconstrained numeric holds infinity");
    assertThatThrownBy(() -> encode("numeric(5,2)", new BigDecimal("1000.00")))
        .hasMessageContaining("below 10^3");
    assertThatThrownBy(
            () -> encode("cidr", new PgInet(OracleSamples.address(new byte[] {10, 0, 0, 1}), 8)))
        .hasMessageContaining("no bits set after the netmask");
    assertThatThrownBy(() -> encode("int4[]", List.of(List.of(1, 2), List.of(3))))
        .hasMessageContaining("rectangular");
    assertThatThrownBy(
            () -> encode("timestamptz", java.time.Instant.parse("+300000-01-01T00:00:00Z")))
        .hasMessageContaining("294276 AD");
    assertThatThrownBy(
            () ->
                Codecs.forEnum(PgType.enumType("mood"), 1, List.of("ok"))
                    .encode("meh", new WireBuffer(16)))
        .hasMessageContaining("'meh'");
  }

  @Test
  void aTruncatedStreamFailsWithItsOffset() {
    WireBuffer out = new WireBuffer(64);
    BinaryCopy.writeHeader(out);
    out.putShort(1);
    out.putIntField(42);
    byte[] cut = java.util.Arrays.copyOf(out.array(), out.size() - 2);
    BinaryCopyReader reader =
        new BinaryCopyReader(
            new ByteArrayInputStream(cut), List.of(Codecs.forType(PgType.parse("int4"))));

    assertThatThrownBy(reader::next)
        .isInstanceOfSatisfying(
            CopyFormatException.class, e -> assertThat(e.offset()).isEqualTo(25));
  }

  @Test
  void aStreamWithoutTheSignatureIsRefused() {
    BinaryCopyReader reader =
        new BinaryCopyReader(new ByteArrayInputStream(new byte[19]), List.of());
    assertThatThrownBy(reader::nextRaw).hasMessageContaining("(bad signature) at byte offset 0");
  }
}
