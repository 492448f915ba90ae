package dev.pgpipe.dbn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadAheadInputStreamTest {

  @Test
  void deliversEveryByteInOrderAcrossChunks() throws IOException {
    byte[] data = new byte[100_003];
    new Random(7).nextBytes(data);

    try (InputStream in = new ReadAheadInputStream(new ByteArrayInputStream(data), 4096, 2)) {
      assertThat(in.readAllBytes()).isEqualTo(data);
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void rethrowsTheSourcesFailureAfterTheBytesBeforeIt() throws IOException {
    IOException broken = new IOException("corrupt block");
    InputStream failing =
        new InputStream() {
          private int served;

          @Override
          public int read() throws IOException {
            if (served == 10) {
              throw broken;
            }
            return served++;
          }
        };

    try (InputStream in = new ReadAheadInputStream(failing, 4, 2)) {
      assertThat(in.readNBytes(10)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
      assertThatThrownBy(in::read).isSameAs(broken);
    }
  }

  @Test
  void closeStopsAReaderBlockedOnAFullQueue() throws IOException {
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 1;
          }
        };
    InputStream in = new ReadAheadInputStream(endless, 16, 1);
    assertThat(in.read()).isEqualTo(1);

    in.close();

    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals("pgpipe-dbn-read-ahead") && t.isAlive());
  }

  @Test
  void decodesTruncatedZstdFile_throwsDbnExceptionThroughTheReadAhead(@TempDir Path directory)
      throws IOException {
    Metadata metadata = Gen.metadata(3, false);
    List<DbnRecord> records = Gen.records(3, false, 200, 1);
    byte[] zst = Gen.encode(metadata, records, DbnEncoder.Compression.ZSTD);
    Path whole = Files.write(directory.resolve("whole.dbn.zst"), zst);
    Path cut = Files.write(directory.resolve("cut.dbn.zst"), Arrays.copyOf(zst, zst.length - 7));

    try (DbnDecoder decoder = DbnDecoder.open(whole, DecodeOptions.defaults())) {
      assertThat(decoder.readAll()).isEqualTo(records);
    }
    // One small frame: with its end cut off nothing of it can be decompressed, not even metadata.
    assertThatThrownBy(
            () -> {
              try (DbnDecoder decoder = DbnDecoder.open(cut, DecodeOptions.defaults())) {
                decoder.readAll();
              }
            })
        .isInstanceOfSatisfying(
            DbnException.class,
            e ->
                assertThat(e.code())
                    .isIn(DbnException.Code.CORRUPT_ZSTD, DbnException.Code.TRUNCATED));
  }
}
