package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.Column;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.cdc.value.ValueKind;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The safe list of type changes, and what a shape comparison makes of them. */
class TypeWideningTest {

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "smallint | integer | true",
        "integer | bigint | true",
        "smallint | bigint | true",
        "bigint | integer | false",
        "integer | numeric | true",
        "integer | numeric(10,0) | true",
        "integer | numeric(9,0) | false",
        "bigint | numeric(19,0) | true",
        "bigint | double precision | false",
        "integer | double precision | true",
        "real | double precision | true",
        "double precision | real | false",
        "numeric(6,2) | numeric(12,3) | true",
        "numeric(6,2) | numeric(6,3) | false",
        "numeric(6,2) | numeric(6,1) | false",
        "numeric(6,2) | numeric | true",
        "numeric | numeric(30,10) | false",
        "character varying(10) | character varying(50) | true",
        "character varying(50) | character varying(10) | false",
        "character varying(10) | character varying | true",
        "character varying(10) | text | true",
        "character varying | text | true",
        "text | character varying(10) | false",
        "character(5) | text | false",
        "bit varying(4) | bit varying(8) | true",
        "timestamp(3) without time zone | timestamp without time zone | true",
        "timestamp without time zone | timestamp(3) without time zone | false",
        "timestamp without time zone | timestamp with time zone | false",
        "time(2) with time zone | time(4) with time zone | true",
        "interval(2) | interval | true",
        "integer[] | bigint[] | true",
        "integer[] | bigint | false",
        "json | jsonb | false",
        "date | timestamp without time zone | false",
        "integer | boolean | false",
      })
  void widens(String from, String to, boolean expected) {
    assertThat(TypeWidening.widens(from.strip(), to.strip())).isEqualTo(expected);
  }

  private static Column column(String name, String type, boolean key) {
    return new Column(name, "x", 0, ValueKind.STRING, false, !key, key, -1, type, null);
  }

  private static TableSchema shape(Column... columns) {
    return new TableSchema("public", "t", 'd', List.of(columns), 7);
  }

  private static TargetShape target(List<String> key, TargetColumn... columns) {
    return new TargetShape("public", "t", List.of(columns), key);
  }

  private static ShapeDiff diff(
      TableSchema source, @Nullable TableSchema previous, TargetShape target) {
    return ShapeDiff.of(source, previous, target, true, false);
  }

  @Test
  void aWiderTargetIsKept_unlessTheSourceJustNarrowedTheColumn() {
    TargetShape wide =
        target(
            List.of("id"),
            new TargetColumn("id", "integer", true),
            new TargetColumn("v", "bigint", false));
    TableSchema narrow = shape(column("id", "integer", true), column("v", "integer", false));
    TableSchema before = shape(column("id", "integer", true), column("v", "bigint", false));

    assertThat(diff(narrow, null, wide).problems()).isEmpty();
    assertThat(diff(narrow, before, wide).problems())
        .singleElement()
        .asString()
        .contains("column v: source type integer (was bigint), target type bigint")
        .contains("narrowed");
  }

  @Test
  void addedWidenedDroppedAndIncompatibleColumns_andAKeyChange_areReportedColumnByColumn() {
    TargetShape existing =
        target(
            List.of("id"),
            new TargetColumn("id", "integer", true),
            new TargetColumn("small", "smallint", false),
            new TargetColumn("doc", "json", false),
            new TargetColumn("gone", "text", true));
    TableSchema before =
        shape(
            column("id", "integer", true),
            column("small", "smallint", false),
            column("doc", "json", false),
            column("gone", "text", false));
    TableSchema now =
        shape(
            column("id", "integer", true),
            column("small", "bigint", false),
            column("doc", "jsonb", false),
            column("extra", "numeric(5,1)", true));

    ShapeDiff diff = diff(now, before, existing);

    assertThat(diff.actions())
        .containsExactly(
            new SchemaAction.AlterType("small", "smallint", "bigint"),
            new SchemaAction.AddColumn("extra", "numeric(5,1)", null),
            new SchemaAction.DropNotNull("gone"));
    assertThat(diff.problems())
        .containsExactly(
            "column doc: source type jsonb (was json), target type json: not a safe widening",
            "key: source [id, extra] (was [id]), target primary key [id]");
  }

  @Test
  void aColumnTheSourceDroppedIsDroppedOnlyWithDropColumns_andATargetOnlyColumnIsLeftAlone() {
    TargetShape existing =
        target(
            List.of("id"),
            new TargetColumn("id", "integer", true),
            new TargetColumn("gone", "text", true),
            new TargetColumn("mine", "text", true));
    TableSchema before = shape(column("id", "integer", true), column("gone", "text", false));
    TableSchema now = shape(column("id", "integer", true));

    assertThat(ShapeDiff.of(now, before, existing, true, true).actions())
        .containsExactly(new SchemaAction.DropColumn("gone"));
    assertThat(ShapeDiff.of(now, before, existing, true, false).actions())
        .containsExactly(new SchemaAction.DropNotNull("gone"));
    assertThat(ShapeDiff.of(now, null, existing, true, true).actions()).isEmpty();
    assertThat(TargetDdl.statements("public", "t", new SchemaAction.DropColumn("gone")))
        .containsExactly("ALTER TABLE \"public\".\"t\" DROP COLUMN IF EXISTS \"gone\"");
    assertThat(
            TargetDdl.statements(
                "public", "t", new SchemaAction.AddColumn("f", "text", "it's \\ old")))
        .containsExactly(
            "ALTER TABLE \"public\".\"t\" ADD COLUMN IF NOT EXISTS \"f\" text"
                + " DEFAULT E'it''s \\\\ old'::text");
  }

  @Test
  void typesThatAreNotTypeNamesNeverReachSql() {
    assertThat(TargetDdl.type("timestamp(3) without time zone", "c"))
        .isEqualTo("timestamp(3) without time zone");
    assertThat(TargetDdl.type("\"char\"", "c")).isEqualTo("\"char\"");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TargetDdl.type("text; DROP TABLE t", "c"))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("column c");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TargetDdl.type("integer default 5", "c"))
        .isInstanceOf(SinkException.class);
  }
}
