package dev.pgpipe.cli.cdc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes onto a command's {@link PrintWriter}, so a sink that writes bytes can print where
 * picocli prints (standard output, or a test's buffer).
 *
 * <p>Bytes are held until {@link #flush()}, which writes them as text, flushes the writer and then
 * checks it: a {@code PrintWriter} swallows I/O errors, so a closed pipe would otherwise look like
 * success and the caller would confirm lines nobody received. {@code flush} throws {@link
 * IOException} instead. The caller flushes only at line ends, so no character is split. Not
 * thread-safe.
 */
final class WriterOutputStream extends OutputStream {

  private final PrintWriter writer;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream(1 << 16);

  WriterOutputStream(PrintWriter writer) {
    this.writer = writer;
  }

  @Override
  public void write(int b) {
    pending.write(b);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    pending.write(bytes, offset, length);
  }

  /**
   * Writes what is pending to the writer and flushes it.
   *
   * @throws IOException when the writer reports an error (for example a closed standard output)
   */
  @Override
  public void flush() throws IOException {
    if (pending.size() > 0) {
      writer.write(pending.toString(StandardCharsets.UTF_8));
      pending.reset();
    }
    if (writer.checkError()) { // flushes, then reports any error seen so far
      throw new IOException("cannot write to standard output (closed?)");
    }
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
