package dev.pgpipe.dbn.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  /** Gives out one byte per read, as a peer writing byte by byte would. */
  private static InputStream oneByteAtATime(byte[] data) {
    return new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(1, len));
      }
    };
  }

  @Test
  void readsLinesSplitAcrossReadsThenHandsOverTheRest() throws Exception {
    byte[] data = "lsg_version=1\r\ncram=abc\nDBN\u0003rest".getBytes(StandardCharsets.UTF_8);
    LineReader reader = new LineReader(oneByteAtATime(data));

    assertThat(reader.readLine()).isEqualTo("lsg_version=1");
    assertThat(reader.readLine()).isEqualTo("cram=abc");
    assertThat(reader.remainder().readAllBytes())
        .isEqualTo("DBN\u0003rest".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void handsOverBytesReadAheadInTheSameChunkAsTheLastLine() throws Exception {
    LineReader reader =
        new LineReader(
            new ByteArrayInputStream("success=1\nDBN-bytes".getBytes(StandardCharsets.UTF_8)));

    assertThat(reader.readLine()).isEqualTo("success=1");
    assertThat(new String(reader.remainder().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("DBN-bytes");
  }

  @Test
  void returnsNullAtEndOfInput() throws Exception {
    LineReader reader =
        new LineReader(new ByteArrayInputStream("partial".getBytes(StandardCharsets.UTF_8)));
    assertThat(reader.readLine()).isNull();
  }

  @Test
  void failsOnAnEndlessLineInsteadOfGrowing() {
    LineReader reader =
        new LineReader(new ByteArrayInputStream(new byte[LineReader.MAX_LINE + 10]));
    assertThatThrownBy(reader::readLine)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without a line end");
  }
}
