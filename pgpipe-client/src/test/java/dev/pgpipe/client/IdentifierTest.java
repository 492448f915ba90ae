package dev.pgpipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifierTest {

  @Test
  void quotesAlwaysAndKeepsCaseSpacesDotsAndUnicode() {
    assertThat(Identifier.quote("orders")).isEqualTo("\"orders\"");
    assertThat(Identifier.quote("Orders")).isEqualTo("\"Orders\"");
    assertThat(Identifier.quote("my table")).isEqualTo("\"my table\"");
    assertThat(Identifier.quote("a.b")).isEqualTo("\"a.b\"");
    assertThat(Identifier.quote("zürich_ü_😀")).isEqualTo("\"zürich_ü_😀\"");
    assertThat(Identifier.quote("select")).isEqualTo("\"select\"");
  }

  @Test
  void doublesEmbeddedQuotesSoTheNameCannotEndTheLiteral() {
    assertThat(Identifier.quote("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(Identifier.quote("\"; DROP TABLE t; --")).isEqualTo("\"\"\"; DROP TABLE t; --\"");
    assertThat(Identifier.quote("\"")).isEqualTo("\"\"\"\"");
  }

  @Test
  void qualifiedAndListFormsQuoteEveryPart() {
    assertThat(Identifier.quote("my.schema", "T\"x")).isEqualTo("\"my.schema\".\"T\"\"x\"");
    assertThat(Identifier.quoteAll(List.of("id", "Name"))).isEqualTo("\"id\", \"Name\"");
    assertThat(Identifier.quoteAll(List.of())).isEmpty();
  }

  @Test
  void refusesTheEmptyName() {
    assertThatThrownBy(() -> Identifier.quote(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid identifier")
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> Identifier.quote("public", ""))
        .hasMessageContaining("not a valid identifier");
  }

  @Test
  void refusesNulAndShowsItEscaped() {
    assertThatThrownBy(() -> Identifier.quote("pg\0pipe"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"pg\\0pipe\"")
        .hasMessageContaining("NUL at index 2")
        .hasMessageNotContaining("\0");
    assertThatThrownBy(() -> Identifier.quoteAll(List.of("ok", "\0")))
        .hasMessageContaining("NUL at index 0");
  }

  @Test
  void refusesUnpairedSurrogatesWhichHaveNoUtf8Form() {
    assertThatThrownBy(() -> Identifier.quote("a\uD800b"))
        .hasMessageContaining("unpaired UTF-16 surrogate at index 1")
        .hasMessageContaining("\\ud800");
    assertThatThrownBy(() -> Identifier.quote("a\uDC00"))
        .hasMessageContaining("unpaired UTF-16 surrogate at index 1");
  }

  @Test
  void acceptsSixtyThreeBytesAndRefusesSixtyFourBecausePostgresWouldCutIt() {
    String longest = "a".repeat(Identifier.MAX_BYTES);
    assertThat(Identifier.quote(longest)).isEqualTo('"' + longest + '"');
    assertThatThrownBy(() -> Identifier.quote(longest + "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 bytes")
        .hasMessageContaining("63");
  }

  @Test
  void countsBytesOfUtf8NotCharacters() {
    String twoBytesEach = "ü".repeat(31);
    assertThat(Identifier.of(twoBytesEach).name()).hasSize(31);
    assertThatThrownBy(() -> Identifier.of(twoBytesEach + "ü")).hasMessageContaining("64 bytes");
  }

  @Test
  void messagesEscapeControlCharactersAndCutHostileLengths() {
    assertThatThrownBy(() -> Identifier.quote("line\nbreak\0"))
        .hasMessageContaining("\"line\\u000abreak\\0\"")
        .hasMessageNotContaining("\n");
    String huge = "x".repeat(10_000);
    assertThatThrownBy(() -> Identifier.quote(huge))
        .hasMessageContaining("(10000 characters)")
        .satisfies(e -> assertThat(String.valueOf(e.getMessage())).hasSizeLessThan(300));
  }

  @Test
  void isAValueWhoseTextIsTheQuotedForm() {
    Identifier name = Identifier.of("Order \"lines\"");
    assertThat(name).isEqualTo(new Identifier("Order \"lines\""));
    assertThat(name.name()).isEqualTo("Order \"lines\"");
    assertThat(name).hasToString("\"Order \"\"lines\"\"\"");
  }
}
