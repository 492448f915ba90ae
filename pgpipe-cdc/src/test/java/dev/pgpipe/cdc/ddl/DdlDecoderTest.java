package dev.pgpipe.cdc.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.ddl.DdlEvent.OtherObject;
import dev.pgpipe.cdc.ddl.DdlEvent.TableAltered;
import dev.pgpipe.cdc.ddl.DdlEvent.TableCreated;
import dev.pgpipe.cdc.ddl.DdlEvent.TableDropped;
import dev.pgpipe.cdc.ddl.DdlEvent.TableRewritten;
import dev.pgpipe.cdc.ddl.DdlEvent.Uncaptured;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdlDecoderTest {

  private static final long LSN = 0x16B3C28L;

  private static final String TABLE =
      """
      {"oid": 16440, "kind": "r", "name": "we\\"ird é", "schema": "public", "columns": [
        {"name": "id", "type": "integer", "attnum": 1, "typmod": -1, "identity": "",
         "default": "nextval('public.seq'::regclass)", "not_null": true, "type_oid": 23,
         "generated": ""},
        {"name": "a", "type": "character varying(10)", "attnum": 3, "typmod": 14,
         "default": null, "identity": "", "not_null": false, "type_oid": 1043, "generated": ""}]}
      """;

  private static List<DdlEvent> decode(String json) {
    return DdlDecoder.decode(json.getBytes(StandardCharsets.UTF_8), LSN);
  }

  @Test
  void commandEnd_givesTablesWithColumnsByAttnum_andOtherObjects() {
    List<DdlEvent> events =
        decode(
            """
            {"version": 1, "event": "ddl_command_end", "tag": "CREATE TABLE", "commands": [
              {"tag": "CREATE TABLE", "object_type": "table", "identity": "public.x",
               "schema": "public", "oid": 16440, "subid": 0, "table": %s},
              {"tag": "CREATE INDEX", "object_type": "index", "identity": "public.x_pkey",
               "schema": "public", "oid": 16445, "subid": 0, "table": null},
              {"tag": "ALTER TABLE", "object_type": "table column", "identity": "public.x.a",
               "schema": "public", "oid": 16440, "subid": 3, "table": %s, "later": [1]}]}
            """
                .formatted(TABLE, TABLE));

    assertThat(events).hasSize(3);
    DdlTable table = ((TableCreated) events.get(0)).table();
    assertThat(table.relationId()).isEqualTo(16440);
    assertThat(table.qualifiedName()).isEqualTo("public.we\"ird é");
    assertThat(table.kind()).isEqualTo('r');
    assertThat(table.columns())
        .containsExactly(
            new DdlColumn(
                1, "id", "integer", 23, -1, true, "nextval('public.seq'::regclass)", "", ""),
            new DdlColumn(3, "a", "character varying(10)", 1043, 14, false, null, "", ""));
    assertThat(events.get(1))
        .isEqualTo(new OtherObject("CREATE INDEX", "index", "public.x_pkey", false));
    assertThat(events.get(2)).isEqualTo(new TableAltered("ALTER TABLE", table, null));
    assertThat(((TableAltered) events.get(2)).columnChanges()).as("before unknown").isEmpty();
  }

  @Test
  void commandEnd_withTheTableBefore_tellsARenameByAttnum() {
    String before = TABLE.replace("\"name\": \"a\"", "\"name\": \"old a\"");
    List<DdlEvent> events =
        decode(
            """
            {"version": 1, "event": "ddl_command_end", "tag": "ALTER TABLE", "commands": [
              {"tag": "ALTER TABLE", "object_type": "table column", "identity": "public.x.a",
               "schema": "public", "oid": 16440, "subid": 3, "table": %s, "before": %s}]}
            """
                .formatted(TABLE, before));

    TableAltered altered = (TableAltered) events.get(0);
    assertThat(altered.before()).isNotNull();
    assertThat(altered.columnChanges())
        .singleElement()
        .isInstanceOfSatisfying(
            ColumnChange.Renamed.class,
            r -> {
              assertThat(r.before().name()).isEqualTo("old a");
              assertThat(r.after().name()).isEqualTo("a");
              assertThat(r.attnum()).isEqualTo(3);
            });
  }

  @Test
  void commandEnd_withTheTableBeforeOfAnotherRelation_isRejected() {
    String other = TABLE.replace("16440", "16999");
    String json =
        """
        {"version": 1, "event": "ddl_command_end", "tag": "ALTER TABLE", "commands": [
          {"tag": "ALTER TABLE", "object_type": "table", "identity": "public.x",
           "schema": "public", "oid": 16440, "subid": 0, "table": %s, "before": %s}]}
        """
            .formatted(TABLE, other);

    assertThatThrownBy(() -> decode(json))
        .isInstanceOf(DdlFormatException.class)
        .hasMessageContaining("OID 16999")
        .hasMessageContaining("16B3C28");
  }

  @Test
  void sqlDrop_givesDroppedTablesAndOtherObjects() {
    List<DdlEvent> events =
        decode(
            """
            {"version": 1, "event": "sql_drop", "tag": "DROP TABLE", "dropped": [
              {"object_type": "table", "identity": "public.x", "schema": "public", "name": "x",
               "oid": 16440, "subid": 0, "original": true},
              {"object_type": "sequence", "identity": "public.x_id_seq", "schema": "public",
               "name": "x_id_seq", "oid": 16439, "subid": 0, "original": false}]}
            """);

    assertThat(events)
        .containsExactly(
            new TableDropped("DROP TABLE", 16440, "public", "x", true),
            new OtherObject("DROP TABLE", "sequence", "public.x_id_seq", true));
  }

  @Test
  void tableRewrite_andACommandTheTriggerCouldNotDescribe() {
    assertThat(
            decode(
                """
                {"version": 1, "event": "table_rewrite", "tag": "ALTER TABLE", "oid": 16440,
                 "reason": 4, "table": %s}
                """
                    .formatted(TABLE)))
        .singleElement()
        .isInstanceOfSatisfying(
            TableRewritten.class,
            r -> {
              assertThat(r.reason()).isEqualTo(4);
              assertThat(r.table().relationId()).isEqualTo(16440);
            });
    assertThat(
            decode(
                """
                {"version": 1, "event": "ddl_command_end", "tag": "ALTER TABLE",
                 "error": "out of memory"}
                """))
        .containsExactly(new Uncaptured("ALTER TABLE", "ddl_command_end", "out of memory"));
  }

  @Test
  void malformedMessagesAreRejectedWithWhatAndTheLsn() {
    assertThatThrownBy(() -> decode("{not json"))
        .isInstanceOfSatisfying(DdlFormatException.class, e -> assertThat(e.lsn()).isEqualTo(LSN))
        .hasMessageContaining("malformed pgpipe.ddl message at LSN 0/16B3C28: not JSON");
    assertThatThrownBy(() -> decode("[1]")).hasMessageContaining("message is not a JSON object");
    assertThatThrownBy(() -> decode("{\"version\": 2, \"event\": \"x\", \"tag\": \"y\"}"))
        .hasMessageContaining("version 2, but this pgpipe reads version 1");
    assertThatThrownBy(() -> decode("{\"version\": 1, \"tag\": \"y\"}"))
        .hasMessageContaining("message: no field 'event'");
    assertThatThrownBy(
            () ->
                decode("{\"version\": 1, \"event\": \"sql_drop\", \"tag\": \"y\", \"dropped\": 5}"))
        .hasMessageContaining("field 'dropped' should be an array, not NUMBER");
    assertThatThrownBy(() -> decode("{\"version\": 1, \"event\": \"reindex\", \"tag\": \"y\"}"))
        .hasMessageContaining("unknown event 'reindex'");
    String badColumn = TABLE.replace("\"attnum\": 3", "\"attnum\": 0");
    assertThatThrownBy(
            () ->
                decode(
                    "{\"version\": 1, \"event\": \"table_rewrite\", \"tag\": \"ALTER TABLE\","
                        + " \"reason\": 4, \"table\": "
                        + badColumn
                        + "}"))
        .hasMessageContaining("column of public.we\"ird é: attnum must be > 0: 0")
        .hasMessageContaining("0/16B3C28");
  }
}
