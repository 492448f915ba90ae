package dev.pgpipe.dbn.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.dbn.DbnDecoder;
import dev.pgpipe.dbn.DecodeOptions;
import dev.pgpipe.dbn.SymbolMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** JSON, CSV and metadata JSON in the shape of Databento's dbn tool, on the reference files. */
class TextWritersTest {
  // `dbn -J test_data.mbo.v1.dbn.zst`, first record (as quoted in databento's Go client tests)
  private static final String DBN_TOOL_MBO =
      "{\"ts_recv\":\"1609160400000704060\",\"hd\":{\"ts_event\":\"1609160400000429831\","
          + "\"rtype\":160,\"publisher_id\":1,\"instrument_id\":5482},\"action\":\"C\","
          + "\"side\":\"A\",\"price\":\"3722750000000\",\"size\":1,\"channel_id\":0,"
          + "\"order_id\":\"647784973705\",\"flags\":128,\"ts_in_delta\":22993,"
          + "\"sequence\":1170352}";

  private static Path fixture(String name) {
    String dir = System.getProperty("pgpipe.fixtures", "");
    Path file = Path.of(dir, "dbn", name);
    Assumptions.assumeTrue(!dir.isBlank() && Files.exists(file), "no shared fixture " + file);
    return file;
  }

  private static String write(String name, boolean csv, TextOptions options) {
    StringBuilder out = new StringBuilder();
    try (DbnDecoder decoder = DbnDecoder.open(fixture(name), DecodeOptions.defaults())) {
      RecordWriter writer = csv ? RecordWriter.csv(out, options) : RecordWriter.json(out, options);
      SymbolMap symbols = SymbolMap.of(decoder.metadata().orElseThrow());
      while (decoder.next()) {
        writer.write(decoder.record(), symbols.symbolFor(decoder.record()));
      }
    }
    return out.toString();
  }

  @Test
  void writesMboJson_exactlyAsTheDbnToolDoes() {
    String first =
        write("test_data.mbo.v1.dbn.zst", false, TextOptions.raw())
            .lines()
            .findFirst()
            .orElseThrow();
    assertThat(first).isEqualTo(DBN_TOOL_MBO);
  }

  @Test
  void writesPrettyPricesAndTimestamps_andMappedSymbols() {
    String first =
        write("test_data.mbp-1.v3.dbn.zst", false, new TextOptions(true, true, true))
            .lines()
            .findFirst()
            .orElseThrow();
    assertThat(first)
        .contains("\"ts_recv\":\"2020-12-28T13:00:00.006136329Z\"")
        .contains("\"price\":\"3720.500000000\"")
        .contains(
            "\"levels\":[{\"bid_px\":\"3720.250000000\",\"ask_px\":\"3720.500000000\","
                + "\"bid_sz\":24,\"ask_sz\":11,\"bid_ct\":15,\"ask_ct\":9}]")
        .endsWith("\"symbol\":\"ESH1\"}");
  }

  @Test
  void writesCsvWithFlattenedLevelNames() {
    List<String> lines =
        write("test_data.mbp-10.v3.dbn.zst", true, TextOptions.raw()).lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .startsWith(
            "ts_recv,ts_event,rtype,publisher_id,instrument_id,action,side,depth,price,size,")
        .contains("bid_px_00,ask_px_00,bid_sz_00,ask_sz_00,bid_ct_00,ask_ct_00,bid_px_01")
        .endsWith("bid_ct_09,ask_ct_09");
    assertThat(lines.get(1))
        .startsWith("1609160400000704060,1609160400000429831,10,1,5482,C,A,9,3722750000000,1,");
  }

  @Test
  void writesMetadataJson_withSpecFieldNamesAndMappings() {
    try (DbnDecoder decoder =
        DbnDecoder.open(fixture("test_data.mbo.v3.dbn.zst"), DecodeOptions.defaults())) {
      assertThat(MetadataJson.toJson(decoder.metadata().orElseThrow()))
          .isEqualTo(
              "{\"version\":3,\"dataset\":\"GLBX.MDP3\",\"schema\":\"mbo\","
                  + "\"start\":\"1609160400000000000\",\"end\":\"1609200000000000000\","
                  + "\"limit\":\"2\",\"stype_in\":\"raw_symbol\",\"stype_out\":\"instrument_id\","
                  + "\"ts_out\":false,\"symbol_cstr_len\":71,\"symbols\":[\"ESH1\"],"
                  + "\"partial\":[],\"not_found\":[],\"mappings\":[{\"raw_symbol\":\"ESH1\","
                  + "\"intervals\":[{\"start_date\":\"2020-12-28\",\"end_date\":\"2020-12-29\","
                  + "\"symbol\":\"5482\"}]}]}");
    }
  }

  @Test
  void writesPrettyNegativeAndUndefinedValues() {
    StringBuilder out = new StringBuilder();
    TextFormat.price(out, -500_000_000L);
    out.append(' ');
    TextFormat.timestamp(out, 1L);
    assertThat(out).hasToString("-0.500000000 1970-01-01T00:00:00.000000001Z");
  }
}
