package dev.pgpipe.cli.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The byte-to-writer bridge of {@code pgpipe cdc}: text arrives only on flush, and a failed writer
 * fails the flush, so the sink never confirms a line nobody received.
 */
class WriterOutputStreamTest {

  @Test
  void flush_writesUtf8TextIncludingMultiByteCharacters_oneByteAtATime() throws IOException {
    StringWriter text = new StringWriter();
    OutputStream out = new WriterOutputStream(new PrintWriter(text));
    byte[] line = "{\"note\":\"Zürich – 東京\"}\n".getBytes(StandardCharsets.UTF_8);
    for (byte b : line) {
      out.write(b);
    }
    assertThat(text.toString()).as("nothing before flush").isEmpty();

    out.flush();

    assertThat(text.toString()).isEqualTo("{\"note\":\"Zürich – 東京\"}\n");
  }

  @Test
  void flush_onAWriterThatFailed_throws() {
    Writer broken =
        new Writer() {
          @Override
          public void write(char[] buffer, int offset, int length) throws IOException {
            throw new IOException("Broken pipe");
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    OutputStream out = new WriterOutputStream(new PrintWriter(broken));

    assertThatThrownBy(
            () -> {
              out.write("{}\n".getBytes(StandardCharsets.UTF_8));
              out.flush();
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("standard output");
  }
}
