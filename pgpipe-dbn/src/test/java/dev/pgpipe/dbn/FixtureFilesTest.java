package dev.pgpipe.dbn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every shared reference file decodes, re-encodes byte for byte, and .dbz files are rejected. */
class FixtureFilesTest {

  @Test
  void decodesEveryReferenceFile_andRejectsLegacyDbz() {
    List<Path> files = Fixtures.all();
    assertThat(files).hasSizeGreaterThan(100);
    int decoded = 0;
    for (Path file : files) {
      if (file.toString().endsWith(".dbz")) {
        assertThatThrownBy(() -> DbnDecoder.open(file, DecodeOptions.defaults()))
            .isInstanceOfSatisfying(
                DbnException.class,
                e -> assertThat(e.code()).isEqualTo(DbnException.Code.LEGACY_DBZ))
            .hasMessageContaining("Legacy DBZ");
        continue;
      }
      try (DbnDecoder decoder = DbnDecoder.open(file, Fixtures.optionsFor(file))) {
        List<DbnRecord> records = decoder.readAll();
        assertThat(decoder.skippedRecords()).as(file.toString()).isZero();
        assertThat(decoder.metadata().isEmpty()).isEqualTo(Fixtures.isFragment(file));
        if (!file.toString().contains("ohlcv-1d") || file.toString().contains("python-extra")) {
          assertThat(records).as(file.toString()).isNotEmpty();
        }
      }
      decoded++;
    }
    assertThat(decoded).isGreaterThan(90);
  }

  @Test
  void reencodesEveryReferenceFileAsIs_byteForByte() {
    for (Path file : Fixtures.all()) {
      if (!file.toString().endsWith(".dbz")) {
        byte[] expected = Fixtures.uncompressed(file);
        assertThat(Arrays.mismatch(reencode(file, true), expected))
            .as(file.toString())
            .isEqualTo(-1);
      }
    }
  }

  @Test
  void reencodesEveryReferenceFileThroughRecords_differingOnlyInReservedBytes() {
    int differingReserved = 0;
    for (Path file : Fixtures.all()) {
      if (file.toString().endsWith(".dbz")) {
        continue;
      }
      byte[] expected = Fixtures.uncompressed(file);
      byte[] actual = reencode(file, false);
      assertThat(actual.length).as(file.toString()).isEqualTo(expected.length);
      for (int i = Arrays.mismatch(actual, expected); i >= 0; ) {
        assertThat(isReservedByte(file, expected, i)).as("byte %d of %s", i, file).isTrue();
        differingReserved++;
        int next = Arrays.mismatch(actual, i + 1, actual.length, expected, i + 1, expected.length);
        i = next < 0 ? -1 : i + 1 + next;
      }
    }
    // python-extra BBO/CBBO files carry old field values in reserved bytes, which records drop
    assertThat(differingReserved).isPositive();
  }

  /** Whether byte {@code index} of a DBN stream lies in a reserved field of its record. */
  private static boolean isReservedByte(Path file, byte[] data, int index) {
    DecodeOptions options = Fixtures.optionsFor(file);
    int version = options.fragmentVersion();
    int pos = 0;
    if (version == 0) {
      version = data[3];
      pos = 8 + ByteBuffer.wrap(data, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
    while (pos + (data[pos] & 0xFF) * 4 <= index) {
      pos += (data[pos] & 0xFF) * 4;
    }
    Layout layout = Layouts.forRType(data[pos + 1] & 0xFF, version);
    int at = index - pos;
    return layout != null
        && layout.fields().stream()
            .anyMatch(
                f ->
                    f.type() == FieldType.RESERVED
                        && at >= f.offset()
                        && at < f.offset() + f.size());
  }

  static byte[] reencode(Path file, boolean raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DbnDecoder decoder = DbnDecoder.open(file, Fixtures.optionsFor(file))) {
      DbnEncoder encoder =
          decoder
              .metadata()
              .map(md -> DbnEncoder.of(out, md, DbnEncoder.Compression.NONE))
              .orElseGet(
                  () ->
                      DbnEncoder.fragment(
                          out, decoder.version(), decoder.tsOut(), DbnEncoder.Compression.NONE));
      try (encoder) {
        while (decoder.next()) {
          if (raw) {
            encoder.write(decoder.record());
          } else {
            encoder.write(decoder.record().toRecord());
          }
        }
      }
    }
    return out.toByteArray();
  }
}
