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
import dev.pgpipe.cdc.value.ValueKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Format 2 (ENVELOPE.md, "Format 2"): a table's key and columns once per envelope, left out of its
 * later events while it stays the same, written again when it changes; read back value for value,
 * as text and as bytes, by any codec; an event that leaves them out with nothing before it is an
 * error that says so.
 */
class CompactEnvelopeTest {

  private static final Instant COMMIT = Instant.parse("2024-05-06T07:08:09.123456Z");
  private static final Pattern COLUMNS = Pattern.compile("\"columns\":");

  private final EnvelopeCodec compact = EnvelopeCodec.compact();
  private final EnvelopeCodec plain = new EnvelopeCodec();

  private static TableSchema table(String name, String... extraColumns) {
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("id", "int8", 20, ValueKind.INT64, false, false, true));
    columns.add(new Column("name", "text", 25, ValueKind.STRING, false, true, false));
    for (String extra : extraColumns) {
      columns.add(new Column(extra, "int4", 23, ValueKind.INT32, false, true, false));
    }
    return new TableSchema("public", name, 'd', columns, 16384 + name.length());
  }

  private static Transaction transaction(TableSchema... tables) {
    List<ChangeEvent> events = new ArrayList<>();
    for (TableSchema table : tables) {
      events.add(EnvelopeReadingTest.insert(table, events.size() + 1, events.size()));
    }
    return new Transaction(9, 0x100, 0x200, 0x201, COMMIT, events, 0, true);
  }

  private static long columnFields(String line) {
    return COLUMNS.matcher(line).results().count();
  }

  @Test
  void eachTableIsDescribedOnceAmongInterleavedTables_andReadBackValueForValue()
      throws IOException {
    TableSchema items = table("items");
    TableSchema orders = table("orders");
    TableSchema lines = table("lines");
    Transaction tx = transaction(items, orders, items, lines, orders, items);

    String line = compact.encode(tx);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    compact.write(tx, bytes);

    assertThat(line).startsWith("{\"format\":\"pgpipe.cdc.transaction/2\"");
    assertThat(columnFields(line)).isEqualTo(3);
    assertThat(columnFields(plain.encode(tx))).as("format 1: in every event").isEqualTo(6);
    for (EnvelopeCodec reader : List.of(compact, plain)) {
      assertThat(reader.decodeTransaction(line)).isEqualTo(tx);
      assertThat(reader.decodeTransaction(bytes.toByteArray())).isEqualTo(tx);
    }
    List<ChangeEvent> read = plain.decodeTransaction(line).events();
    assertThat(read.get(2).table()).isSameAs(read.get(0).table());
    assertThat(read.get(5).table()).isSameAs(read.get(0).table());
  }

  @Test
  void aTableThatChangesWithinTheEnvelope_isDescribedAgainAtEachChange() {
    TableSchema narrow = table("items");
    TableSchema wide = table("items", "qty");
    Transaction tx = transaction(narrow, narrow, wide, wide, narrow);

    String line = compact.encode(tx);

    assertThat(columnFields(line)).as("narrow, wide, narrow again").isEqualTo(3);
    Transaction read = compact.decodeTransaction(line);
    assertThat(read).isEqualTo(tx);
    assertThat(read.events().get(3).table()).isEqualTo(wide);
    assertThat(read.events().get(4).table()).isEqualTo(narrow);
  }

  @Test
  void eventsAloneAndFormatOneAreWrittenAsBefore() {
    Transaction tx = transaction(table("items"), table("items"));

    assertThat(compact.encode(tx.events().get(1))).isEqualTo(plain.encode(tx.events().get(1)));
    assertThat(plain.encode(tx)).startsWith("{\"format\":\"pgpipe.cdc.transaction/1\"");
    assertThat(plain.transactionFormat()).isEqualTo(EnvelopeCodec.TRANSACTION_FORMAT);
    assertThat(compact.transactionFormat()).isEqualTo(EnvelopeCodec.COMPACT_TRANSACTION_FORMAT);
  }

  @Test
  void anEventWithoutColumnsAndNoEarlierOneOfItsTable_isRefusedNamingTheEventAndTable() {
    String line =
        compact
            .encode(transaction(table("items"), table("items")))
            .replaceFirst("\"key\":\\[\"id\"],\"columns\":\\[[^\\]]*],", "");

    assertThatThrownBy(() -> compact.decodeTransaction(line))
        .isInstanceOf(EnvelopeException.class)
        .hasMessageContaining("event 0")
        .hasMessageContaining("no columns for public.items")
        .hasMessageContaining("no event before it in this envelope gives them");
  }

  @Test
  void formatOneStillNeedsNothingFromEarlierEvents() {
    Transaction tx = transaction(table("items"), table("items"));
    String line = plain.encode(tx);

    assertThat(compact.decodeTransaction(line)).isEqualTo(tx);
  }

  @Test
  void equalTablesOfSeparateInstances_giveTheBytesOfOneInstance() {
    Transaction shared = transaction(table("items"), table("orders"), table("items"));
    TableSchema items = table("items");
    Transaction separate = transaction(items, table("orders"), items);

    assertThat(compact.encode(shared)).isEqualTo(compact.encode(separate));
    assertThat(columnFields(compact.encode(shared))).isEqualTo(2);
  }

  @Test
  void tablesWhoseNamesJoinAlike_andACompositeKeyInItsOwnOrder_areKeptApart() {
    TableSchema dotted = new TableSchema("a", "b.c", 'd', table("x").columns(), 1);
    List<Column> pair =
        List.of(
            new Column("a", "int4", 23, ValueKind.INT32, false, false, true),
            new Column("b", "int4", 23, ValueKind.INT32, false, false, true));
    TableSchema keyed = new TableSchema("a.b", "c", 'd', pair, 2, List.of("b", "a"));
    List<ChangeEvent> events = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      events.add(
          i % 2 == 0
              ? EnvelopeReadingTest.insert(dotted, i, i)
              : new ChangeEvent(
                  Operation.INSERT,
                  keyed,
                  null,
                  Map.of("a", i, "b", -i),
                  null,
                  0,
                  new EventPosition(0x100 + i, 9, COMMIT, i)));
    }
    events.add(
        new ChangeEvent(
            Operation.MESSAGE,
            null,
            null,
            null,
            new LogicalMessage("audit", new byte[] {1, 2}, true),
            0,
            new EventPosition(0x110, 9, COMMIT, 4)));
    events.add(EnvelopeReadingTest.insert(dotted, 9, 5));
    Transaction tx = new Transaction(9, 0x100, 0x200, 0x201, COMMIT, events, 0, true);

    String line = compact.encode(tx);

    assertThat(columnFields(line)).as("one per table").isEqualTo(2);
    Transaction read = plain.decodeTransaction(line);
    assertThat(read).isEqualTo(tx);
    TableSchema readKeyed = read.events().get(3).table();
    assertThat(readKeyed).isEqualTo(keyed);
    assertThat(Objects.requireNonNull(readKeyed).keyColumns()).containsExactly("b", "a");
  }
}
