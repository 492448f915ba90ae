package dev.pgpipe.dbn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Malformed input raises DbnException with a code, the byte offset and a plain explanation. */
class BadInputTest {
  private static final Metadata MD = Gen.metadata(3, false);
  private static final List<DbnRecord> RECORDS = Gen.records(3, false, 3, 1);
  private static final byte[] FILE = Gen.encode(MD, RECORDS, DbnEncoder.Compression.NONE);
  private static final int FIRST_RECORD = DbnEncoder.encodeMetadata(MD).length;

  private static void assertFails(ThrowingCallable call, DbnException.Code code, long offset) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            DbnException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.offset()).isEqualTo(offset);
              assertThat(e.getMessage()).contains("byte offset " + offset);
            });
  }

  private static void decodeAll(byte[] data) {
    Gen.decode(data, DecodeOptions.defaults());
  }

  @Test
  void decodesTruncatedRecord_throwsWithOffset() {
    byte[] cut = Arrays.copyOf(FILE, FIRST_RECORD + 20);
    assertFails(() -> decodeAll(cut), DbnException.Code.TRUNCATED, FIRST_RECORD);
  }

  @Test
  void decodesTruncatedMetadata_throwsWithOffset() {
    assertFails(() -> decodeAll(Arrays.copyOf(FILE, 50)), DbnException.Code.TRUNCATED, 50);
    assertFails(() -> decodeAll(Arrays.copyOf(FILE, 5)), DbnException.Code.TRUNCATED, 5);
    assertFails(() -> decodeAll(new byte[0]), DbnException.Code.TRUNCATED, 0);
  }

  @Test
  void decodesBadMagic_throwsAtTheFirstWrongByte() {
    byte[] bad = FILE.clone();
    bad[1] = 'X';
    assertFails(() -> decodeAll(bad), DbnException.Code.BAD_MAGIC, 1);
  }

  @Test
  void decodesUnsupportedVersion_throws() {
    byte[] bad = FILE.clone();
    bad[3] = 9;
    assertFails(() -> decodeAll(bad), DbnException.Code.UNSUPPORTED_VERSION, 3);
  }

  @Test
  void decodesRecordShorterThanHeader_throwsWithOffset() {
    byte[] bad = FILE.clone();
    bad[FIRST_RECORD] = 3;
    assertFails(() -> decodeAll(bad), DbnException.Code.BAD_RECORD_LENGTH, FIRST_RECORD);
  }

  @Test
  void decodesRecordPastTheEnd_throwsTruncated() {
    byte[] bad = FILE.clone();
    bad[FIRST_RECORD] = (byte) 250;
    assertFails(() -> decodeAll(bad), DbnException.Code.TRUNCATED, FIRST_RECORD);
  }

  @Test
  void decodesRecordShorterThanItsLayout_throws() {
    byte[] bad = FILE.clone();
    bad[FIRST_RECORD] = 4;
    assertFails(() -> decodeAll(bad), DbnException.Code.BAD_RECORD_LENGTH, FIRST_RECORD);
  }

  @Test
  void decodesMetadataLengthPastTheEnd_throwsWithoutHugeAllocation() {
    byte[] bad = FILE.clone();
    ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 900_000_000);
    assertFails(() -> decodeAll(bad), DbnException.Code.TRUNCATED, bad.length);
    assertFails(
        () -> DbnDecoder.of(Gen.oneByteAtATime(bad), DecodeOptions.defaults()),
        DbnException.Code.TRUNCATED,
        bad.length);
  }

  @Test
  void decodesHugeSymbolCount_throwsBadMetadata() {
    byte[] bad = FILE.clone();
    ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(112, Integer.MAX_VALUE);
    assertFails(() -> decodeAll(bad), DbnException.Code.BAD_METADATA, 116);
  }

  @Test
  void decodesCorruptZstd_throwsCorruptZstd() {
    byte[] zst = Gen.encode(MD, RECORDS, DbnEncoder.Compression.ZSTD);
    byte[] bad = zst.clone();
    for (int i = 12; i < bad.length - 4; i++) {
      bad[i] ^= 0x5A;
    }
    assertThatThrownBy(() -> decodeAll(bad))
        .isInstanceOfSatisfying(
            DbnException.class,
            e ->
                assertThat(e.code())
                    .isIn(
                        DbnException.Code.CORRUPT_ZSTD,
                        DbnException.Code.BAD_METADATA,
                        DbnException.Code.TRUNCATED));
    byte[] cut = Arrays.copyOf(zst, zst.length / 2);
    assertThatThrownBy(() -> decodeAll(cut)).isInstanceOf(DbnException.class);
  }

  @Test
  void decodesUnknownRType_skipsAndCounts_orFailsWhenAsked() {
    byte[] unknown = FILE.clone();
    unknown[FIRST_RECORD + 1] = (byte) 0x77;
    try (DbnDecoder decoder = DbnDecoder.of(unknown, DecodeOptions.defaults())) {
      assertThat(decoder.readAll()).hasSize(RECORDS.size() - 1);
      assertThat(decoder.skippedRecords()).isEqualTo(1);
    }
    DecodeOptions strict = DecodeOptions.defaults().withFailOnUnknownRType(true);
    assertFails(() -> Gen.decode(unknown, strict), DbnException.Code.UNKNOWN_RTYPE, FIRST_RECORD);
  }

  @Test
  void decodesLegacyDbz_throwsWithExplanation() {
    byte[] dbz = new byte[32];
    ByteBuffer.wrap(dbz).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x184D2A50).putInt(4, 16);
    dbz[8] = 'D';
    dbz[9] = 'B';
    dbz[10] = 'Z';
    assertThatThrownBy(() -> decodeAll(dbz))
        .isInstanceOf(DbnException.class)
        .hasMessageContaining("Legacy DBZ encoding is not supported");
  }
}
