package dev.pgpipe.dbn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Symbology from metadata and from stream records; upgrade rules on our own v1 records. */
class SymbologyAndUpgradeTest {

  @Test
  void resolvesInstrumentIds_fromMetadataMappingsByDate() {
    try (DbnDecoder decoder =
        DbnDecoder.open(
            Fixtures.file("test_data.definition.v3.dbn.zst"), DecodeOptions.defaults())) {
      SymbolMap map = SymbolMap.of(decoder.metadata().orElseThrow());
      assertThat(map.symbolOn(6819, LocalDate.of(2021, 10, 4))).contains("MSFT");
      assertThat(map.symbolOn(6819, LocalDate.of(2021, 10, 5))).isEmpty();
      assertThat(map.symbolOn(6830, LocalDate.of(2021, 10, 5))).contains("MSFT");
    }
  }

  @Test
  void resolvesInstrumentIds_fromSymbolMappingRecordsInALiveStream() {
    try (DbnDecoder decoder =
        DbnDecoder.open(
            Fixtures.file("python-extra/LIVE/test_data.live.dbn.zst"), DecodeOptions.defaults())) {
      SymbolMap map = new SymbolMap();
      int mapped = 0;
      int records = 0;
      while (decoder.next()) {
        records++;
        map.add(decoder.record());
        if (decoder.record().rtype() != RType.SYMBOL_MAPPING
            && map.symbolFor(decoder.record()) != null) {
          mapped++;
        }
      }
      assertThat(records).isEqualTo(46);
      assertThat(mapped).isPositive();
    }
  }

  @Test
  void upgradesOwnV1Records_followingTheReferenceRules() {
    RecordHeader hd = new RecordHeader(RType.SYSTEM, 0, 0, 5);
    List<DbnRecord> v1 =
        List.of(
            new SystemMsgV1(hd, "Heartbeat"),
            new SystemMsgV1(hd, "Subscription ok"),
            new ErrorMsgV1(new RecordHeader(RType.ERROR, 0, 0, 6), "bad"),
            new SymbolMappingMsgV1(
                new RecordHeader(RType.SYMBOL_MAPPING, 0, 42, 7), "ESH1", "ESH1", 1, 2),
            new StatMsgV1(
                new RecordHeader(RType.STATISTICS, 1, 42, 8),
                1,
                2,
                3,
                Dbn.UNDEF_STAT_QUANTITY_V1,
                4,
                5,
                6,
                7,
                1,
                0));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DbnEncoder encoder =
        DbnEncoder.of(out, Gen.metadata(1, false), DbnEncoder.Compression.NONE)) {
      v1.forEach(encoder::write);
    }
    List<DbnRecord> upgraded =
        Gen.decode(out.toByteArray(), DecodeOptions.defaults().withUpgrade(true));
    assertThat(upgraded)
        .containsExactly(
            new SystemMsg(hd, "Heartbeat", Dbn.SYSTEM_HEARTBEAT),
            new SystemMsg(hd, "Subscription ok", Dbn.CODE_UNSET),
            new ErrorMsg(new RecordHeader(RType.ERROR, 0, 0, 6), "bad", 0xFF, 0xFF),
            new SymbolMappingMsg(
                new RecordHeader(RType.SYMBOL_MAPPING, 0, 42, 7), 0xFF, "ESH1", 0xFF, "ESH1", 1, 2),
            new StatMsg(
                new RecordHeader(RType.STATISTICS, 1, 42, 8),
                1,
                2,
                3,
                Dbn.UNDEF_STAT_QUANTITY,
                4,
                5,
                6,
                7,
                1,
                0));
    assertThat(Dbn.isHeartbeat(upgraded.get(0))).isTrue();
    assertThat(Dbn.isHeartbeat(v1.get(0))).isTrue();
  }
}
