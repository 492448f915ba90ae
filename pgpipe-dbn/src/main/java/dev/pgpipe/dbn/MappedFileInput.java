package dev.pgpipe.dbn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * A plain DBN file read through memory-mapped windows of up to 1 GiB: records are read in place,
 * with no copy; a window is re-mapped when a record would cross its end.
 */
final class MappedFileInput implements ByteInput {
  private static final long WINDOW = 1L << 30;

  private final FileChannel channel;
  private final long fileSize;
  private ByteBuffer window = ByteBuffer.allocate(0);
  private long windowStart;
  private int pos;

  MappedFileInput(FileChannel channel) {
    this.channel = channel;
    try {
      this.fileSize = channel.size();
    } catch (IOException e) {
      throw new DbnException(DbnException.Code.IO, 0, "cannot read the file size", e);
    }
    map(0);
  }

  private void map(long at) {
    long size = Math.min(WINDOW, fileSize - at);
    try {
      window = channel.map(FileChannel.MapMode.READ_ONLY, at, size).order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new DbnException(DbnException.Code.IO, at, "cannot memory-map the file", e);
    }
    windowStart = at;
    pos = 0;
  }

  @Override
  public int fill(int n) {
    if (window.limit() - pos < n && windowStart + window.limit() < fileSize) {
      map(windowStart + pos);
    }
    return Math.min(n, window.limit() - pos);
  }

  @Override
  public ByteBuffer buffer() {
    return window;
  }

  @Override
  public int position() {
    return pos;
  }

  @Override
  public void skip(int n) {
    pos += n;
  }

  @Override
  public long offset() {
    return windowStart + pos;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new DbnException(DbnException.Code.IO, offset(), "closing the file failed", e);
    }
  }
}
