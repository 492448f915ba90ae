package dev.pgpipe.dbn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every value of section A of the shared EXPECTATIONS.md, checked in every file it applies to
 * (v1/v2/v3 zstd, the plain v2 file and the cpp-extra plain v1 file), plus the metadata, upgrade
 * and count assertions of sections A2 and B.
 */
class ExpectationsTest {
  private record Row(String schema, String record, String field, String expected) {}

  @Test
  void matchesEveryUpstreamAssertion_inEveryVersionOfEachFile() throws IOException {
    List<Row> rows = rows();
    assertThat(rows).hasSizeGreaterThan(300);
    int checked = 0;
    for (Row row : rows) {
      for (Path file : filesFor(row.schema())) {
        assertThat(valueOf(file, row)).as("%s in %s", row, file).isEqualTo(row.expected());
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(3 * 300);
  }

  private static List<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    boolean inA = false;
    for (String line : Files.readAllLines(Fixtures.dbnDir().resolve("EXPECTATIONS.md"))) {
      if (line.startsWith("## ")) {
        inA = line.startsWith("## A.");
      } else if (line.startsWith("### ")) {
        inA = false;
      }
      String[] cells = line.split("\\|");
      if (inA
          && cells.length >= 6
          && !cells[1].isBlank()
          && !cells[1].contains("schema")
          && !cells[1].contains("---")) {
        rows.add(new Row(cells[1].strip(), cells[2].strip(), cells[3].strip(), cells[4].strip()));
      }
    }
    return rows;
  }

  private static List<Path> filesFor(String schema) {
    List<Path> files = new ArrayList<>();
    Path dir = Fixtures.dbnDir();
    for (String name :
        List.of(
            "test_data." + schema + ".v1.dbn.zst",
            "test_data." + schema + ".v2.dbn.zst",
            "test_data." + schema + ".v3.dbn.zst",
            "test_data." + schema + ".dbn",
            "cpp-extra/test_data." + schema + ".v1.dbn",
            "cpp-extra/test_data." + schema + ".v1.dbn.zst")) {
      if (Files.exists(dir.resolve(name))) {
        files.add(dir.resolve(name));
      }
    }
    assertThat(files).as("files for " + schema).isNotEmpty();
    return files;
  }

  private static String valueOf(Path file, Row row) {
    try (DbnDecoder decoder = DbnDecoder.open(file, DecodeOptions.defaults())) {
      if (row.record().equals("metadata")) {
        Metadata md = decoder.metadata().orElseThrow();
        return Long.toUnsignedString(
            switch (row.field()) {
              case "start" -> md.start();
              case "end" -> md.end();
              case "limit" -> md.limit();
              default -> throw new IllegalArgumentException(row.field());
            });
      }
      for (int i = Integer.parseInt(row.record()); i >= 0; i--) {
        assertThat(decoder.next()).as("record %s of %s", row.record(), file).isTrue();
      }
      return FieldValues.text(decoder.record(), row.field());
    }
  }

  @Test
  void definitionMetadataAndRecords_matchUpstream() {
    Path file = Fixtures.file("test_data.definition.v3.dbn.zst");
    try (DbnDecoder decoder = DbnDecoder.open(file, DecodeOptions.defaults())) {
      Metadata md = decoder.metadata().orElseThrow();
      assertThat(md.dataset()).isEqualTo("XNAS.ITCH");
      assertThat(md.stypeIn()).isEqualTo(SType.RAW_SYMBOL);
      assertThat(md.stypeOut()).isEqualTo(SType.INSTRUMENT_ID);
      assertThat(md.symbols()).containsExactly("MSFT");
      assertThat(md.mappings()).hasSize(1);
      SymbolMapping msft = md.mappings().get(0);
      assertThat(msft.rawSymbol()).isEqualTo("MSFT");
      assertThat(msft.intervals()).hasSize(62);
      assertThat(msft.intervals().get(0))
          .isEqualTo(
              new MappingInterval(LocalDate.of(2021, 10, 4), LocalDate.of(2021, 10, 5), "6819"));
      List<DbnRecord> records = decoder.readAll();
      assertThat(records).hasSize(2);
      for (DbnRecord r : records) {
        InstrumentDefMsg def = (InstrumentDefMsg) r;
        assertThat(def.exchange()).isEqualTo("XNAS");
        assertThat(def.securityUpdateAction()).isEqualTo('A');
        assertThat(def.minLotSizeRoundLot()).isEqualTo(100);
        assertThat(def.instrumentClass()).isEqualTo('K');
        assertThat(def.strikePrice()).isEqualTo(Dbn.UNDEF_PRICE);
      }
    }
  }

  @Test
  void statisticsQuantities_areUndefinedInEachVersionsWidth() {
    for (int version = 1; version <= 3; version++) {
      Path file = Fixtures.file("test_data.statistics.v" + version + ".dbn.zst");
      try (DbnDecoder decoder = DbnDecoder.open(file, DecodeOptions.defaults())) {
        Metadata md = decoder.metadata().orElseThrow();
        assertThat(md.end()).isEqualTo(Dbn.UNDEF_TIMESTAMP);
        assertThat(md.stypeIn()).isEqualTo(SType.INSTRUMENT_ID);
        assertThat(md.symbols()).isEmpty();
        List<DbnRecord> records = decoder.readAll();
        assertThat(records).hasSize(2);
        long quantity =
            records.get(0) instanceof StatMsg s
                ? s.quantity()
                : ((StatMsgV1) records.get(0)).quantity();
        assertThat(quantity)
            .isEqualTo(version == 3 ? Dbn.UNDEF_STAT_QUANTITY : Dbn.UNDEF_STAT_QUANTITY_V1);
      }
    }
  }

  @Test
  void upgradesV1DefinitionsAndV2Statistics_toVersion3() {
    DecodeOptions upgrade = DecodeOptions.defaults().withUpgrade(true);
    Path defs = Fixtures.file("test_data.definition.v1.dbn.zst");
    try (DbnDecoder decoder = DbnDecoder.open(defs, upgrade)) {
      assertThat(decoder.metadata().orElseThrow().version()).isEqualTo(3);
      assertThat(decoder.metadata().orElseThrow().symbolCstrLen()).isEqualTo(71);
      int count = 0;
      while (decoder.next()) {
        assertThat(decoder.record().size()).isEqualTo(520);
        InstrumentDefMsg def = (InstrumentDefMsg) decoder.record().toRecord();
        assertThat(def.exchange()).isEqualTo("XNAS");
        assertThat(def.legPrice()).isEqualTo(Dbn.UNDEF_PRICE);
        assertThat(def.legSide()).isEqualTo('N');
        count++;
      }
      assertThat(count).isEqualTo(2);
    }
    Path stats = Fixtures.file("test_data.statistics.v2.dbn.zst");
    try (DbnDecoder decoder = DbnDecoder.open(stats, upgrade)) {
      StatMsg first = (StatMsg) decoder.readAll().get(0);
      assertThat(first.statType()).isEqualTo(7);
      assertThat(first.price()).isEqualTo(100000000000L);
      assertThat(first.quantity()).isEqualTo(Dbn.UNDEF_STAT_QUANTITY);
    }
  }

  @Test
  void countsRecordsOfFragmentsAndMultiFrameFiles() {
    Path multi = Fixtures.file("multi-frame.definition.v1.dbn.frag.zst");
    DecodeOptions v1 = DecodeOptions.defaults().withFragment(1);
    try (DbnDecoder decoder = DbnDecoder.open(multi, v1)) {
      assertThat(decoder.readAll()).hasSize(8).allMatch(r -> r instanceof InstrumentDefMsgV1);
    }
    for (String name :
        List.of("test_data.definition.v3.dbn.frag", "test_data.definition.v3.dbn.frag.zst")) {
      try (DbnDecoder decoder =
          DbnDecoder.open(Fixtures.file(name), DecodeOptions.defaults().withFragment(3))) {
        assertThat(decoder.readAll()).hasSize(2);
      }
    }
    try (DbnDecoder decoder =
        DbnDecoder.open(Fixtures.file("test_data.mbo.v3.dbn"), DecodeOptions.defaults())) {
      assertThat(decoder.tsOut()).isFalse();
      assertThat(decoder.readAll()).hasSize(2).allMatch(r -> r instanceof MboMsg);
    }
  }
}
