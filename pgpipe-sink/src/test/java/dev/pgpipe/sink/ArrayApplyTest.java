package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * How the array path sends each column: typed, in binary, only when every value already is the
 * column type's Java value; as text, for the server to convert or refuse, otherwise.
 */
class ArrayApplyTest {

  private static List<RowChange> rows(@Nullable Object... values) {
    return Arrays.stream(values)
        .map(v -> new RowChange(RowChange.UPSERT, false, Arrays.asList(v), List.of()))
        .toList();
  }

  @Test
  void aBigintColumnOfLongsAndNullsIsSentAsABigintArray() {
    ArrayApply.ColumnArray sent = ArrayApply.array(rows(1L, null, -7L), 0, "bigint");

    assertThat(sent.elementType()).isEqualTo("bigint");
    assertThat(sent.values()).isInstanceOf(Long[].class).containsExactly(1L, null, -7L);
  }

  @Test
  void anIntegerColumnOfIntegersIsSentAsAnIntegerArray() {
    ArrayApply.ColumnArray sent = ArrayApply.array(rows(3, 4), 0, "integer");

    assertThat(sent.elementType()).isEqualTo("integer");
    assertThat(sent.values()).isInstanceOf(Integer[].class).containsExactly(3, 4);
  }

  /** One value of another Java type sends the whole column as text, each value as its text. */
  @Test
  void aColumnWithAValueOfAnotherTypeIsSentAsText() {
    ArrayApply.ColumnArray longInInteger = ArrayApply.array(rows(3, 4L), 0, "integer");
    ArrayApply.ColumnArray textInBigint = ArrayApply.array(rows(1L, "2"), 0, "bigint");
    ArrayApply.ColumnArray numeric = ArrayApply.array(rows(1L, null), 0, "numeric");

    assertThat(longInInteger.elementType()).isEqualTo("text");
    assertThat(longInInteger.values()).isInstanceOf(String[].class).containsExactly("3", "4");
    assertThat(textInBigint.elementType()).isEqualTo("text");
    assertThat(textInBigint.values()).containsExactly("1", "2");
    assertThat(numeric.elementType()).isEqualTo("text");
    assertThat(numeric.values()).containsExactly("1", null);
  }
}
