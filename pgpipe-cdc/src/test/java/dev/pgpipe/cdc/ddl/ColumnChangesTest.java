package dev.pgpipe.cdc.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.ddl.ColumnChange.Added;
import dev.pgpipe.cdc.ddl.ColumnChange.DefaultChanged;
import dev.pgpipe.cdc.ddl.ColumnChange.Dropped;
import dev.pgpipe.cdc.ddl.ColumnChange.NullabilityChanged;
import dev.pgpipe.cdc.ddl.ColumnChange.Renamed;
import dev.pgpipe.cdc.ddl.ColumnChange.TypeChanged;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnChangesTest {

  private static DdlColumn column(int attnum, String name, String type, long oid, int typmod) {
    return new DdlColumn(attnum, name, type, oid, typmod, false, null, "", "");
  }

  private static final DdlColumn ID = column(1, "id", "integer", 23, -1);
  private static final DdlColumn A = column(2, "a", "text", 25, -1);

  @Test
  void renameKeepsTheAttnum_soItIsNotADropAndAnAdd() {
    DdlColumn b = column(2, "b", "text", 25, -1);

    assertThat(ColumnChanges.between(List.of(ID, A), List.of(ID, b)))
        .containsExactly(new Renamed(A, b));
  }

  @Test
  void dropAndAddUnderTheSameNameGetsANewAttnum_soItIsNotARename() {
    DdlColumn again = column(3, "a", "text", 25, -1);

    assertThat(ColumnChanges.between(List.of(ID, A), List.of(ID, again)))
        .containsExactly(new Dropped(A), new Added(again));
  }

  @Test
  void dropOfTheLastColumnPlusAddOfTheSameTypeIsNotARename() {
    DdlColumn b = column(3, "b", "text", 25, -1);

    assertThat(ColumnChanges.between(List.of(ID, A), List.of(ID, b)))
        .containsExactly(new Dropped(A), new Added(b));
  }

  @Test
  void typeModifierNullabilityAndDefaultChangesAreEachReported() {
    DdlColumn v10 = column(2, "v", "character varying(10)", 1043, 14);
    DdlColumn v20 =
        new DdlColumn(2, "w", "character varying(20)", 1043, 24, true, "'x'::text", "", "");

    assertThat(ColumnChanges.between(List.of(v10), List.of(v20)))
        .containsExactly(
            new Renamed(v10, v20),
            new TypeChanged(v10, v20),
            new NullabilityChanged(v10, v20),
            new DefaultChanged(v10, v20));
  }

  @Test
  void dropsComeFirstAndAddsLast_inAttnumOrder() {
    DdlColumn c = column(3, "c", "int8", 20, -1);
    DdlColumn d = column(4, "d", "int8", 20, -1);
    DdlColumn e = column(5, "e", "int8", 20, -1);
    DdlColumn renamed = column(1, "key", "integer", 23, -1);

    assertThat(ColumnChanges.between(List.of(ID, A, c), List.of(e, renamed, d)))
        .extracting(ch -> ch.getClass().getSimpleName() + " " + ch.attnum())
        .containsExactly("Dropped 2", "Dropped 3", "Renamed 1", "Added 4", "Added 5");
  }

  @Test
  void sameColumnsInAnyOrderMeanNoChange() {
    assertThat(ColumnChanges.between(List.of(ID, A), List.of(A, ID))).isEmpty();
  }

  @Test
  void tablesMustBeTheSameRelation_andAttnumsDistinct() {
    DdlTable one = new DdlTable(1, "public", "t", 'r', List.of(ID));
    DdlTable other = new DdlTable(2, "public", "t", 'r', List.of(ID));

    assertThatThrownBy(() -> ColumnChanges.between(one, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not the same table")
        .hasMessageContaining("OID 1")
        .hasMessageContaining("OID 2");
    assertThatThrownBy(() -> ColumnChanges.between(List.of(ID, ID), List.of(ID)))
        .hasMessageContaining("attnum 1 appears twice");
  }
}
