package dev.pgpipe.cdc.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Column;
import dev.pgpipe.cdc.EventPosition;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.value.ValueKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * How envelopes are read and written beyond the round trip ({@link EnvelopeCodecTest}): fields in
 * any order, one table shared by the events that carry it unchanged, bytes read like text, errors
 * that name the field and show the input, and columns written once per table but in every event.
 */
class EnvelopeReadingTest {

  private static final Instant COMMIT = Instant.parse("2024-05-06T07:08:09.123456Z");
  private final EnvelopeCodec codec = new EnvelopeCodec();

  private static TableSchema items(String... extraColumns) {
    List<Column> columns = new java.util.ArrayList<>();
    columns.add(new Column("id", "int8", 20, ValueKind.INT64, false, false, true));
    columns.add(new Column("name", "text", 25, ValueKind.STRING, false, true, false));
    for (String extra : extraColumns) {
      columns.add(new Column(extra, "int4", 23, ValueKind.INT32, false, true, false));
    }
    return new TableSchema("public", "items", 'd', columns, 16384);
  }

  static ChangeEvent insert(TableSchema table, long id, int index) {
    return new ChangeEvent(
        Operation.INSERT,
        table,
        null,
        Map.of("id", id, "name", "n" + id),
        null,
        0,
        new EventPosition(0x100 + index, 9, COMMIT, index));
  }

  private static Transaction transaction(List<ChangeEvent> events) {
    return new Transaction(9, 0x100, 0x200, 0x201, COMMIT, events, 0, true);
  }

  @Test
  void fieldsAreReadInAnyOrderAndUnknownOnesAreSkipped() {
    String line =
        "{\"after\":{\"name\":\"n1\",\"id\":1},\"index\":0,\"future\":{\"a\":[1,{\"b\":2}]},"
            + "\"columns\":[{\"key\":true,\"kind\":\"int64\",\"oid\":20,\"name\":\"id\","
            + "\"type\":\"int8\",\"nullable\":false,\"array\":false,\"new\":[3]},"
            + "{\"name\":\"name\",\"type\":\"text\",\"oid\":25,\"kind\":\"string\","
            + "\"array\":false,\"nullable\":true,\"key\":false}],\"key\":[\"id\"],"
            + "\"relation_id\":16384,\"lsn\":\"0/100\",\"xid\":9,\"table\":\"items\","
            + "\"replica_identity\":\"d\",\"schema\":\"public\",\"before\":null,"
            + "\"commit_time\":\"2024-05-06T07:08:09.123456Z\",\"op\":\"insert\","
            + "\"format\":\"pgpipe.cdc.event/1\"}";

    ChangeEvent read = codec.decodeEvent(line);

    assertThat(read).isEqualTo(insert(items(), 1, 0));
  }

  @Test
  void eventsOfAnUnchangedTableShareOneTableAcrossEnvelopes() {
    Transaction first = transaction(List.of(insert(items(), 1, 0), insert(items(), 2, 1)));
    Transaction second = transaction(List.of(insert(items(), 3, 0)));
    Transaction widened = transaction(List.of(insert(items("qty"), 4, 0)));

    List<ChangeEvent> a = codec.decodeTransaction(codec.encode(first)).events();
    List<ChangeEvent> b = codec.decodeTransaction(codec.encode(second)).events();
    List<ChangeEvent> c = codec.decodeTransaction(codec.encode(widened)).events();
    List<ChangeEvent> d = codec.decodeTransaction(codec.encode(second)).events();

    assertThat(a.get(1).table()).isSameAs(a.get(0).table()).isEqualTo(items());
    assertThat(b.get(0).table()).isSameAs(a.get(0).table());
    assertThat(c.get(0).table()).isEqualTo(items("qty")).isNotEqualTo(items());
    assertThat(d.get(0).table()).isEqualTo(items()).isNotSameAs(c.get(0).table());
    assertThat(codec.decodeTransaction(codec.encode(second)).events().get(0).table())
        .isSameAs(d.get(0).table());
  }

  @Test
  void columnsReadBeforeAreReusedWhereverTheyStandAndWhateverTheirText() throws IOException {
    TableSchema plain = items("ünïcode \"qty\"");
    TableSchema renamed =
        new TableSchema("public", "renamed", 'f', plain.columns(), 16385, List.of());
    Transaction tx = transaction(List.of(insert(plain, 1, 0), insert(renamed, 2, 1)));
    String line = codec.encode(tx);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    codec.write(tx, bytes);
    String spaced = line.replace("\"columns\":[{", "\"columns\" : [ {");

    List<ChangeEvent> fromText = codec.decodeTransaction(line).events();
    List<ChangeEvent> fromBytes = codec.decodeTransaction(bytes.toByteArray()).events();
    List<ChangeEvent> fromSpaced = codec.decodeTransaction(spaced).events();

    assertThat(List.of(fromText, fromBytes, fromSpaced))
        .allSatisfy(e -> assertThat(e).isEqualTo(tx.events()));
    assertThat(columns(fromText.get(1))).isSameAs(columns(fromText.get(0)));
    assertThat(columns(fromBytes.get(0))).isEqualTo(plain.columns());
    assertThat(fromText.get(1).table()).isNotEqualTo(fromText.get(0).table());
  }

  @Test
  void manyDistinctTablesAreReadRightPastTheLimitOfThoseRemembered() {
    int count = Math.max(ColumnsReader.LIMIT, SharedTables.LIMIT) + 2;
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < count; i++) {
        ChangeEvent event = insert(items("c" + i), i, 0);
        assertThat(codec.decodeEvent(codec.encode(event))).isEqualTo(event);
      }
    }
  }

  @Test
  void bytesAreReadLikeText() throws IOException {
    Transaction tx = transaction(List.of(insert(items(), 1, 0), insert(items("qty"), 2, 1)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    codec.write(tx, bytes);

    assertThat(codec.decodeTransaction(bytes.toByteArray())).isEqualTo(tx);
    assertThat(codec.decodeEvent(codec.encodeBytes(insert(items(), 5, 0))))
        .isEqualTo(insert(items(), 5, 0));
  }

  @Test
  void errorsNameWhatIsWrongAndShowTheStartOfTheInput() {
    String line = codec.encode(transaction(List.of(insert(items(), 1, 0))));
    String noCommit = line.replace("\"commit_lsn\"", "\"commit_lsm\"");
    String badTime = line.replace("\"2024-05-06T07:08:09.123456Z\"", "\"yesterday\"");

    assertThatThrownBy(() -> codec.decodeTransaction(noCommit))
        .isInstanceOf(EnvelopeException.class)
        .hasMessageContaining("missing text field 'commit_lsn'")
        .hasMessageContaining("{\"format\":\"pgpipe.cdc.transaction/1\",\"xid\":9");
    assertThatThrownBy(() -> codec.decodeTransaction(badTime))
        .isInstanceOf(EnvelopeException.class)
        .hasMessageContaining("yesterday");
    assertThatThrownBy(() -> codec.decodeTransaction(line.replace("transaction/1", "other/1")))
        .hasMessageStartingWith(
            "not a pgpipe.cdc.transaction/1 or /2 envelope: {\"format\":\"pgpipe");
    assertThatThrownBy(() -> codec.decodeTransaction("[1, 2]"))
        .hasMessageStartingWith("not a pgpipe.cdc.transaction/1 or /2 envelope: [1, 2]");
    assertThatThrownBy(() -> codec.decodeTransaction(line.substring(0, line.length() / 2)))
        .isInstanceOf(EnvelopeException.class)
        .hasMessageContaining("event 0: not JSON: Unexpected end-of-input")
        .hasMessageContaining("{\"format\":\"pgpipe.cdc.transaction/1\",\"xid\":9");
    assertThatThrownBy(() -> codec.decodeTransaction(line.substring(0, 30)))
        .isInstanceOf(EnvelopeException.class)
        .hasMessageStartingWith("not JSON: Unexpected end-of-input")
        .hasMessageContaining("(line 1, column 31)");
    byte[] cut = "{\"format\":\"é\",".getBytes(StandardCharsets.UTF_8); // é: two bytes
    assertThatThrownBy(() -> codec.decodeTransaction(cut))
        .isInstanceOf(EnvelopeException.class)
        .hasMessageStartingWith("not JSON: Unexpected end-of-input")
        .hasMessageContaining("(line 1, byte offset " + cut.length + ")");
    assertThatThrownBy(() -> codec.decodeEvent(codec.encode(insert(items(), 1, 0)).substring(1)))
        .hasMessageStartingWith("not a pgpipe.cdc.event/1 envelope: \"format\"");
  }

  @Test
  void valuesOfTheWrongShapeAreSkippedOrRefusedAndNeverCutAnEnvelopeShort() {
    String two = codec.encode(transaction(List.of(insert(items(), 1, 0), insert(items(), 2, 1))));

    Transaction odd = codec.decodeTransaction(two.replaceFirst("\"index\":0", "\"index\":[0]"));
    assertThat(odd.events()).hasSize(2);
    assertThat(odd.events().get(1)).isEqualTo(insert(items(), 2, 1));
    assertThat(refusal(two.replace("},{\"op\":", "},null,{\"op\":")))
        .contains("element 1 of 'events' is not an object");
    assertThat(refusal(two.replace("\"columns\":[{", "\"columns\":[null,{")))
        .contains("event 0: element 0 of 'columns' is not an object");
    assertThat(refusal(two.replaceFirst("\"kind\":\"string\"", "\"kind\":\"bogus\"")))
        .contains("event 0: column 1: unknown kind 'bogus'");
    assertThat(refusal(two.replaceFirst("\"name\":\"name\"", "\"name\":\"\"")))
        .contains("event 0: column 1: column name must not be empty");
    assertThat(refusal(two.replaceFirst("\"table\":\"items\"", "\"table\":5")))
        .contains("event 0: field 'table' is not text: 5");
    assertThat(refusal(two.replaceFirst("\"op\":\"insert\"", "\"op\":\"nothing\"")))
        .contains("event 0: ")
        .contains("nothing");
    assertThat(refusal(two.replaceFirst("\"columns\":\\[[^\\]]*\\]", "\"columns\":{}")))
        .contains("field 'columns' is not an array");
    assertThat(refusal(two.replace("\"after\":{\"id\":2,", "\"after\":{\"id\":\"x\",")))
        .contains("event 1: after column 'id' (INT64): ");
    assertThat(refusal(two.replace("\"after\":{\"id\":2,", "\"after\":{\"id\":2,,")))
        .containsPattern("event 1: not JSON: Unexpected character .* \\(line 1, column \\d+\\)");
    assertThatThrownBy(() -> codec.decodeTransaction("{\"events\":[1]}"))
        .hasMessageStartingWith("not a pgpipe.cdc.transaction/1 or /2 envelope");
  }

  private String refusal(String line) {
    try {
      codec.decodeTransaction(line);
    } catch (EnvelopeException e) {
      assertThat(e.getMessage()).as("the input's start").contains("{\"format\":\"pgpipe");
      return String.valueOf(e.getMessage());
    }
    throw new AssertionError("decoded: " + line);
  }

  @Test
  void columnsReadFromTextAndFromBytesAreRememberedApart() {
    ChangeEvent accented = insert(items("é"), 1, 0);
    ChangeEvent mangled = insert(items("Ã©"), 2, 0);

    assertThat(codec.decodeEvent(codec.encode(mangled))).isEqualTo(mangled);
    assertThat(codec.decodeEvent(codec.encodeBytes(accented))).isEqualTo(accented);
    assertThat(codec.decodeEvent(codec.encode(accented))).isEqualTo(accented);
    assertThat(codec.decodeEvent(codec.encodeBytes(mangled))).isEqualTo(mangled);
  }

  /**
   * A name outside the BMP, and one with a lone surrogate: a table's columns, written once and
   * copied, read exactly as the same name where it is written inline (the key of a row value), to
   * UTF-8 bytes as to text, whose generators write such characters differently.
   */
  @Test
  void copiedColumnsAreWrittenAsTheEnvelopesOwnGeneratorWritesThem() throws IOException {
    for (String name : List.of("x\uD83D\uDE00", "lone \uD800 surrogate")) {
      TableSchema table =
          new TableSchema(
              "public",
              "t",
              'd',
              List.of(new Column(name, "int8", 20, ValueKind.INT64, false, false, true)));
      ChangeEvent event =
          new ChangeEvent(
              Operation.INSERT,
              table,
              null,
              Map.of(name, 1L),
              null,
              0,
              new EventPosition(0x100, 9, COMMIT, 0));
      Transaction tx = transaction(List.of(event));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      codec.write(tx, bytes);

      for (String line :
          List.of(codec.encode(tx), bytes.toString(java.nio.charset.StandardCharsets.UTF_8))) {
        Matcher column = Pattern.compile("\"columns\":\\[\\{\"name\":\"([^\"]*)\"").matcher(line);
        Matcher key = Pattern.compile("\"after\":\\{\"([^\"]*)\":").matcher(line);
        assertThat(column.find() && key.find()).as(line).isTrue();
        assertThat(column.group(1)).isEqualTo(key.group(1));
      }
      if (name.contains("\uDE00")) {
        assertThat(codec.decodeTransaction(bytes.toByteArray())).isEqualTo(tx);
      }
    }
  }

  @Test
  void aTableIsRenderedOnceButItsColumnsAreInEveryEvent() {
    TableSchema table = items("qty");
    List<ChangeEvent> events =
        List.of(insert(table, 1, 0), insert(items(), 2, 1), insert(table, 3, 2));

    String line = codec.encode(transaction(events));

    Matcher columns = Pattern.compile("\"columns\":(\\[[^\\]]*\\])").matcher(line);
    List<String> written = columns.results().map(m -> m.group(1)).toList();
    assertThat(written).hasSize(3);
    assertThat(written.get(0)).isEqualTo(written.get(2)).isEqualTo(alone(insert(table, 1, 0)));
    assertThat(written.get(1)).isEqualTo(alone(insert(items(), 2, 1)));
    assertThat(codec.decodeTransaction(line)).isEqualTo(transaction(events));
  }

  private static List<Column> columns(ChangeEvent event) {
    return java.util.Objects.requireNonNull(event.table()).columns();
  }

  /** The columns text of the event encoded on its own. */
  private String alone(ChangeEvent event) {
    Matcher columns = Pattern.compile("\"columns\":(\\[[^\\]]*\\])").matcher(codec.encode(event));
    assertThat(columns.find()).isTrue();
    return columns.group(1);
  }
}
