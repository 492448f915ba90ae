package dev.pgpipe.dbn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** decode(encode(x)) == x for every record type and version, plain and zstd, with ts_out. */
class RoundTripTest {

  @ParameterizedTest(name = "v{0} ts_out={1} {2}")
  @CsvSource({
    "1,false,NONE",
    "1,true,ZSTD",
    "2,false,ZSTD",
    "2,true,NONE",
    "3,false,NONE",
    "3,true,ZSTD"
  })
  void decodesWhatItEncodes_forEveryRecordTypeOfTheVersion(
      int version, boolean tsOut, DbnEncoder.Compression compression) {
    Metadata md = Gen.metadata(version, tsOut);
    List<DbnRecord> records = Gen.records(version, tsOut, 200, version * 31L);
    byte[] encoded = Gen.encode(md, records, compression);

    try (DbnDecoder decoder = DbnDecoder.of(encoded, DecodeOptions.defaults())) {
      assertThat(decoder.metadata()).contains(md);
      assertThat(decoder.readAll()).isEqualTo(records);
    }
    try (DbnDecoder decoder =
        DbnDecoder.of(Gen.oneByteAtATime(encoded), DecodeOptions.defaults())) {
      assertThat(decoder.metadata()).contains(md);
      assertThat(decoder.readAll()).isEqualTo(records);
    }
  }

  @Test
  void decodesKnownMboRecord_withExactValues() {
    MboMsg mbo =
        new MboMsg(
            new RecordHeader(RType.MBO, 1, 5482, 1609160400000429831L),
            647784973705L,
            3722750000000L,
            1,
            128,
            0,
            'C',
            'A',
            1609160400000704060L,
            22993,
            1170352);
    byte[] encoded = Gen.encode(Gen.metadata(3, false), List.of(mbo), DbnEncoder.Compression.NONE);
    try (DbnDecoder decoder = DbnDecoder.of(encoded, DecodeOptions.defaults())) {
      assertThat(decoder.next()).isTrue();
      RecordRef ref = decoder.record();
      assertThat(ref.size()).isEqualTo(56);
      assertThat(ref.rtype()).isEqualTo(RType.MBO);
      assertThat(ref.instrumentId()).isEqualTo(5482);
      assertThat(ref.i64(Layouts.MBO.offsetOf("price"))).isEqualTo(3722750000000L);
      assertThat(ref.cChar(Layouts.MBO.offsetOf("action"))).isEqualTo('C');
      assertThat(ref.u32(Layouts.MBO.offsetOf("sequence"))).isEqualTo(1170352);
      assertThat(ref.toRecord()).isEqualTo(mbo);
      assertThat(decoder.next()).isFalse();
    }
  }

  @Test
  void decodesFragmentsWithCallerGivenVersion() {
    for (int version = 1; version <= 3; version++) {
      List<DbnRecord> records = Gen.records(version, false, 50, version);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (DbnEncoder encoder =
          DbnEncoder.fragment(out, version, false, DbnEncoder.Compression.ZSTD)) {
        records.forEach(encoder::write);
      }
      DecodeOptions options = DecodeOptions.defaults().withFragment(version);
      try (DbnDecoder decoder = DbnDecoder.of(out.toByteArray(), options)) {
        assertThat(decoder.metadata()).isEmpty();
        assertThat(decoder.readAll()).isEqualTo(records);
      }
    }
  }

  @Test
  void decodesMultiFrameZstd_asOneStream() {
    List<DbnRecord> records = Gen.records(3, false, 40, 7);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int part = 0; part < 4; part++) {
      try (DbnEncoder encoder = DbnEncoder.fragment(out, 3, false, DbnEncoder.Compression.ZSTD)) {
        records.subList(part * 10, part * 10 + 10).forEach(encoder::write);
      }
    }
    DecodeOptions options = DecodeOptions.defaults().withFragment(3);
    assertThat(Gen.decode(out.toByteArray(), options)).isEqualTo(records);
  }

  @Test
  void rejectsRecordsOfAnotherVersion_andMissingTsOut() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DbnEncoder encoder =
        DbnEncoder.of(out, Gen.metadata(3, false), DbnEncoder.Compression.NONE)) {
      DbnRecord v1Stat =
          Gen.records(1, false, 30, 1).stream()
              .filter(r -> r instanceof StatMsgV1)
              .findFirst()
              .orElseThrow();
      assertThatThrownBy(() -> encoder.write(v1Stat))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("StatMsgV1 cannot be written in a DBN v3 stream");
      DbnRecord stamped = Gen.records(3, true, 1, 1).get(0);
      assertThatThrownBy(() -> encoder.write(stamped))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no ts_out");
    }
  }

  @Test
  void rejectsOutOfRangeFieldValues_whenEncoding() {
    StatusMsg status =
        new StatusMsg(new RecordHeader(RType.STATUS, 1, 2, 3), 4, 70_000, 0, 0, 'Y', 'Y', 'N');
    assertThatThrownBy(
            () -> Gen.encode(Gen.metadata(3, false), List.of(status), DbnEncoder.Compression.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("action must be in [0, 65535]: 70000");
  }

  @Test
  void rejectsRecordWithWrongRType() {
    assertThatThrownBy(() -> new OhlcvMsg(new RecordHeader(RType.MBO, 1, 1, 1), 1, 2, 3, 4, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OhlcvMsg cannot carry rtype 0xA0 (mbo)");
  }
}
