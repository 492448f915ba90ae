package dev.pgpipe.dbn.live;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Reads the gateway's control lines, however the bytes are split across reads, and then hands over
 * what it read past the last line as the start of the DBN stream ({@link #remainder()}). A line
 * longer than {@value #MAX_LINE} bytes is not the live protocol. Not thread-safe.
 */
final class LineReader {
  static final int MAX_LINE = 1 << 14;

  private final InputStream in;
  private final byte[] buf = new byte[MAX_LINE];
  private int start;
  private int end;

  LineReader(InputStream in) {
    this.in = in;
  }

  /**
   * The next line without its {@code \n} (and a {@code \r} before it), or null at end of input.
   *
   * @throws IllegalStateException when {@value #MAX_LINE} bytes hold no line end
   */
  @Nullable String readLine() throws IOException {
    int scanned = 0; // bytes after start known to hold no line end
    while (true) {
      for (int i = start + scanned; i < end; i++) {
        if (buf[i] == '\n') {
          int stop = i > start && buf[i - 1] == '\r' ? i - 1 : i;
          String line = new String(buf, start, stop - start, StandardCharsets.UTF_8);
          start = i + 1;
          return line;
        }
      }
      scanned = end - start;
      if (!fill()) {
        return null;
      }
    }
  }

  /** Reads more bytes; false at end of input. Compacts first, fails when the buffer is full. */
  private boolean fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buf.length) {
      throw new IllegalStateException("the gateway sent " + MAX_LINE + " bytes without a line end");
    }
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) {
      return false;
    }
    end += n;
    return true;
  }

  /** The bytes read past the last line, then the rest of the input. */
  InputStream remainder() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        return start < end ? buf[start++] & 0xFF : in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (start == end) {
          return in.read(b, off, len);
        }
        int n = Math.min(len, end - start);
        System.arraycopy(buf, start, b, off, n);
        start += n;
        return n;
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }
}
