package dev.pgpipe.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.dbn.Field;
import dev.pgpipe.dbn.FieldType;
import dev.pgpipe.dbn.Layout;
import dev.pgpipe.dbn.Layouts;
import dev.pgpipe.dbn.Mbp1Msg;
import dev.pgpipe.dbn.OhlcvMsg;
import dev.pgpipe.dbn.RType;
import dev.pgpipe.dbn.RecordHeader;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.dbn.SymbolMappingMsg;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketTablesTest {

  private static final List<String> ADDED =
      List.of("ts_event", "ts_event_ns", "publisher_id", "instrument_id", "symbol", "tie");

  @Test
  void thereIsATablePerDbnSchema() {
    assertThat(MarketTables.all())
        .extracting(MarketTable::name)
        .containsExactlyInAnyOrder(
            "mbo",
            "trades",
            "mbp_1",
            "mbp_10",
            "tbbo",
            "bbo_1s",
            "bbo_1m",
            "cmbp_1",
            "tcbbo",
            "cbbo_1s",
            "cbbo_1m",
            "ohlcv_1s",
            "ohlcv_1m",
            "ohlcv_1h",
            "ohlcv_1d",
            "ohlcv_eod",
            "definition",
            "statistics",
            "status",
            "imbalance");
  }

  @Test
  void everyLayoutField_hasItsColumn_andEveryPxFieldIsAPriceColumn() {
    for (MarketTable<?> table : MarketTables.all()) {
      Layout layout = Layouts.forRecord(sample(table));
      List<String> fields = new ArrayList<>();
      List<String> prices = new ArrayList<>();
      for (Field field : layout.fields()) {
        fields.addAll(columnsOf(field));
        if (field.type() == FieldType.PRICE) {
          prices.add(field.name());
        }
      }
      List<String> columns = new ArrayList<>(table.table().columnNames());
      columns.removeAll(ADDED);
      if (!fields.contains("underlying")) {
        columns.remove("underlying"); // the looked-up one, not a field of the record
      }
      assertThat(columns)
          .as(table.name())
          .containsExactlyInAnyOrderElementsOf(withNs(fields, layout));
      assertThat(table.priceColumns()).as(table.name()).containsAll(prices);
    }
  }

  private static List<String> columnsOf(Field field) {
    return switch (field.type()) {
      case RESERVED -> List.of();
      case LEVELS, CONSOLIDATED_LEVELS -> levelColumns(field);
      default -> List.of(field.name());
    };
  }

  private static List<String> levelColumns(Field field) {
    List<String> columns = new ArrayList<>();
    String third = field.type() == FieldType.LEVELS ? "ct" : "pb";
    for (int i = 0; i < field.levelCount(); i++) {
      for (String name :
          List.of("bid_px", "ask_px", "bid_sz", "ask_sz", "bid_" + third, "ask_" + third)) {
        columns.add(String.format("%s_%02d", name, i));
      }
    }
    return columns;
  }

  /** Timestamp fields become two columns: timestamptz and the exact nanoseconds. */
  private static List<String> withNs(List<String> fields, Layout layout) {
    List<String> columns = new ArrayList<>();
    for (String name : fields) {
      columns.add(name);
      if (layout.field(name).map(f -> f.type() == FieldType.TIMESTAMP).orElse(false)) {
        columns.add(name + "_ns");
      }
    }
    return columns;
  }

  private static dev.pgpipe.dbn.DbnRecord sample(MarketTable<?> table) {
    return Records.sampleOf(table.recordType());
  }

  @Test
  void records_goToTheTableOfTheirSchema() {
    RecordHeader mbp1 = new RecordHeader(RType.MBP_1, 1, 7, 0);
    Mbp1Msg quote = Records.with(Mbp1Msg.class, mbp1);
    assertThat(MarketTables.forRecord(quote, Schema.TBBO).orElseThrow().name()).isEqualTo("tbbo");
    assertThat(MarketTables.forRecord(quote, Schema.MBP_1).orElseThrow().name()).isEqualTo("mbp_1");
    assertThat(MarketTables.forRecord(quote, null).orElseThrow().name()).isEqualTo("mbp_1");

    OhlcvMsg old = new OhlcvMsg(new RecordHeader(RType.OHLCV_DEPRECATED, 1, 7, 0), 1, 2, 0, 1, 5);
    assertThat(MarketTables.forRecord(old, Schema.OHLCV_1H).orElseThrow().name())
        .isEqualTo("ohlcv_1h");
    assertThat(MarketTables.forRecord(old, null)).isEmpty();

    SymbolMappingMsg mapping =
        new SymbolMappingMsg(
            new RecordHeader(RType.SYMBOL_MAPPING, 1, 7, 0), 1, "ES", 0, "7", 0, 1);
    assertThat(MarketTables.forRecord(mapping, null)).isEmpty();
  }

  @Test
  void tablePrefix_parsesSchemaAndPrefix() {
    assertThat(TablePrefix.parse("glbx_")).isEqualTo(new TablePrefix("public", "glbx_"));
    assertThat(TablePrefix.parse("market.")).isEqualTo(new TablePrefix("market", ""));
    assertThat(TablePrefix.parse("market.glbx_").qualify("trades")).isEqualTo("market.glbx_trades");
    assertThatThrownBy(() -> TablePrefix.parse("a.b.c")).hasMessageContaining("a.b.c");
    assertThatThrownBy(() -> TablePrefix.parse(".x")).hasMessageContaining("[schema.]prefix");
  }

  @Test
  void ties_numberRecordsAtTheSameTime_perInstrumentAndPublisher() {
    TieCounter ties = new TieCounter();
    assertThat(ties.next(1, 7, 100)).isZero();
    assertThat(ties.next(1, 7, 100)).isEqualTo(1);
    assertThat(ties.next(2, 7, 100)).isZero();
    assertThat(ties.next(1, 8, 100)).isZero();
    assertThat(ties.next(1, 7, 100)).isEqualTo(2);
    assertThat(ties.next(1, 7, 101)).isZero();
    assertThat(ties.outOfOrder()).isZero();
    assertThat(ties.next(1, 7, 99)).isZero();
    assertThat(ties.outOfOrder()).isEqualTo(1);
  }

  @Test
  void decimalView_turnsPricesIntoNumeric_andUndefIntoNull() {
    String sql = MarketTables.named("trades").orElseThrow().decimalViewSql("m", "x_");
    assertThat(sql)
        .startsWith("CREATE OR REPLACE VIEW \"m\".\"x_trades_decimal\" AS SELECT \"ts_recv\",")
        .contains(
            "(NULLIF(\"price\", 9223372036854775807)::numeric / 1000000000)::numeric(19,9)"
                + " AS \"price\"")
        .contains(", \"size\",")
        .endsWith(" FROM \"m\".\"x_trades\"");
  }
}
