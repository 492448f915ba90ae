package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.ddl.DdlEvents;
import dev.pgpipe.sink.CapturedRenames.Decision;
import dev.pgpipe.sink.CapturedRenames.Rename;
import dev.pgpipe.sink.CapturedRenames.Run;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which renames {@link CapturedRenames} reads from captured DDL messages, where it cuts a batch,
 * and what it does with a rename given the target's tables.
 */
class CapturedRenamesTest {

  private static final Rename COLUMN =
      new Rename("public", "t", new SchemaAction.RenameColumn("a", "b"), 0x100);
  private static final Rename TABLE =
      new Rename("public", "t", new SchemaAction.RenameTable("s", "u"), 0x100);

  private static Optional<TargetShape> table(String... columns) {
    List<TargetColumn> list =
        Arrays.stream(columns).map(c -> new TargetColumn(c, "text", false)).toList();
    return Optional.of(new TargetShape("public", "t", list, List.of("id")));
  }

  /** A table of OID 7 as the capture trigger describes it, with columns named in attnum order. */
  private static String captured(String schema, String name, String... columns) {
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < columns.length; i++) {
      json.append(i == 0 ? "" : ", ")
          .append("{\"attnum\": ")
          .append(i + 1)
          .append(", \"name\": \"")
          .append(columns[i])
          .append("\", \"type\": \"text\", \"type_oid\": 25, \"typmod\": -1,")
          .append(" \"not_null\": false, \"default\": null, \"generated\": \"\",")
          .append(" \"identity\": \"\"}");
    }
    return "{\"oid\": 7, \"schema\": \"%s\", \"name\": \"%s\", \"kind\": \"r\", \"columns\": [%s]}"
        .formatted(schema, name, json);
  }

  private static Pending message(String prefix, String content, long lsn) {
    return new Pending(Events.message(prefix, content, true, lsn), lsn + 100);
  }

  /** A captured ALTER TABLE of table 7 from {@code before} (null: unknown) to {@code after}. */
  private static Pending altered(String after, String before, long lsn) {
    return message(
        DdlEvents.PREFIX,
        ("{\"version\": 1, \"event\": \"ddl_command_end\", \"tag\": \"ALTER TABLE\","
                + " \"commands\": [{\"tag\": \"ALTER TABLE\", \"object_type\": \"table\","
                + " \"identity\": \"x\", \"schema\": \"s\", \"oid\": 7, \"subid\": 0,"
                + " \"table\": %s, \"before\": %s}]}")
            .formatted(after, before),
        lsn);
  }

  @Test
  void columnAndTableRenamesAreReadByAttnum_theTablesFirst() {
    Pending renamed =
        altered(captured("s", "u", "id", "b"), captured("public", "t", "id", "a"), 0x100);

    assertThat(CapturedRenames.of(renamed.event()))
        .containsExactly(
            new Rename("public", "t", new SchemaAction.RenameTable("s", "u"), 0x100),
            new Rename("s", "u", new SchemaAction.RenameColumn("a", "b"), 0x100));
    assertThat(COLUMN.label()).isEqualTo("public.t");
  }

  @Test
  void noRenameWithoutTheTableBefore_orWithoutANameChange_orInAnotherMessage() {
    assertThat(CapturedRenames.of(altered(captured("s", "t", "id", "b"), "null", 1).event()))
        .isEmpty();
    assertThat(
            CapturedRenames.of(
                altered(captured("s", "t", "id", "a", "c"), captured("s", "t", "id", "a"), 1)
                    .event()))
        .as("an added column")
        .isEmpty();
    assertThat(CapturedRenames.of(message("other", "{}", 1).event())).isEmpty();
  }

  @Test
  void anUnreadableDdlMessageStopsTheSinkNamingItsLsn() {
    Pending broken = message(DdlEvents.PREFIX, "{\"version\": 9}", 0x2A0);

    assertThatThrownBy(() -> CapturedRenames.of(broken.event()))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("LSN 0/2A0")
        .hasMessageContaining("version 9")
        .hasMessageContaining("rather than guess");
  }

  @Test
  void aBatchIsCutBeforeEachRenameOnly() {
    Pending rename = altered(captured("s", "t", "id", "b"), captured("s", "t", "id", "a"), 2);
    Pending added = altered(captured("s", "t", "id", "a", "c"), captured("s", "t", "id", "a"), 3);
    Pending other = message("other", "{}", 4);
    Pending first = message("other", "{}", 1);

    assertThat(events(CapturedRenames.runs(List.of(first, added, other))))
        .containsExactly(List.of(first, added, other));
    assertThat(events(CapturedRenames.runs(List.of(first, rename, other, rename))))
        .containsExactly(List.of(first), List.of(rename, other), List.of(rename));
    assertThat(events(CapturedRenames.runs(List.of(rename, other))))
        .as("no empty run before a rename that comes first")
        .containsExactly(List.of(rename, other));
    assertThat(CapturedRenames.runs(List.of())).isEmpty();
  }

  private static List<List<Pending>> events(List<Run> runs) {
    return runs.stream().map(Run::events).toList();
  }

  @Test
  void eachRunCarriesTheRenamesOfItsFirstEvent_readOnce() {
    Pending rename = altered(captured("s", "t", "id", "b"), captured("s", "t", "id", "a"), 2);
    Pending other = message("other", "{}", 4);
    Rename renamed = new Rename("s", "t", new SchemaAction.RenameColumn("a", "b"), 2);

    List<Run> cut = CapturedRenames.runs(List.of(other, rename, other));
    List<Run> renameFirst = CapturedRenames.runs(List.of(rename, other));

    assertThat(cut).extracting(Run::renames).containsExactly(List.of(), List.of(renamed));
    assertThat(renameFirst).extracting(Run::renames).containsExactly(List.of(renamed));
    assertThat(renameFirst.get(0).renamesAt(0)).containsExactly(renamed);
    assertThat(renameFirst.get(0).renamesAt(1)).as("the others carry none").isEmpty();
  }

  @Test
  void anUnreadableDdlMessageStopsTheCutNamingItsLsn_firstOrNot() {
    Pending broken = message(DdlEvents.PREFIX, "{\"version\": 9}", 0x2A0);
    Pending other = message("other", "{}", 4);

    for (List<Pending> todo : List.of(List.of(broken, other), List.of(other, broken))) {
      assertThatThrownBy(() -> CapturedRenames.runs(todo))
          .isInstanceOf(SinkException.class)
          .hasMessageContaining("LSN 0/2A0");
    }
  }

  @Test
  void aRunIsNeverEmpty() {
    assertThatThrownBy(() -> new Run(List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one event");
  }

  @Test
  void aTableRenamedIntoTheFollowedTablesIsToldToBeBackfilled() {
    assertThat(CapturedRenames.joining(TABLE, (schema, name) -> name.equals("u")))
        .hasValueSatisfying(
            warning ->
                assertThat(warning)
                    .contains("table public.t was renamed to s.u on the source at LSN 0/100")
                    .contains("without its earlier rows: run pgpipe backfill --table s.u"));
    assertThat(CapturedRenames.joining(TABLE, (schema, name) -> false)).isEmpty();
    assertThat(CapturedRenames.joining(COLUMN, (schema, name) -> true)).isEmpty();
  }

  @Test
  void aColumnIsRenamedWhenTheTargetHasTheOldNameOnly() {
    assertThat(CapturedRenames.decide(COLUMN, table("id", "a"), Optional.empty(), true))
        .isInstanceOf(Decision.Rename.class);
  }

  @Test
  void nothingIsDoneWhenTheTargetAlreadyHasTheNewNameOrNeitherOrNoTable() {
    for (Optional<TargetShape> target :
        List.of(table("id", "b"), table("id"), Optional.<TargetShape>empty())) {
      assertThat(CapturedRenames.decide(COLUMN, target, Optional.empty(), true))
          .isInstanceOf(Decision.Nothing.class);
    }
  }

  @Test
  void bothNamesOnTheTargetAreKeptWithAWarningThatSaysWhereTheValuesAre() {
    Decision decision =
        CapturedRenames.decide(COLUMN, table("id", "a", "b"), Optional.empty(), true);

    assertThat(decision).isInstanceOf(Decision.Skip.class);
    assertThat(((Decision.Skip) decision).reason())
        .contains("column a was renamed to b")
        .contains("both kept")
        .contains("keep their values in a");
  }

  @Test
  void aTableIsRenamedWhenTheNewNameIsFollowedAndFree() {
    assertThat(CapturedRenames.decide(TABLE, table("id"), Optional.empty(), true))
        .isInstanceOf(Decision.Rename.class);
    assertThat(CapturedRenames.decide(TABLE, Optional.empty(), table("id"), true))
        .as("already renamed")
        .isInstanceOf(Decision.Nothing.class);
  }

  @Test
  void aTableRenamedOutOfTheFollowedTablesOrOntoAnotherIsLeftWithAWarning() {
    Decision unfollowed = CapturedRenames.decide(TABLE, table("id"), Optional.empty(), false);
    Decision taken = CapturedRenames.decide(TABLE, table("id"), table("id"), true);

    assertThat(((Decision.Skip) unfollowed).reason())
        .contains("renamed to s.u, which this sink does not follow")
        .contains("add s.u to --tables");
    assertThat(((Decision.Skip) taken).reason()).contains("has a table of that name too");
  }
}
