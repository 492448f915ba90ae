package dev.pgpipe.dbn;

import com.github.luben.zstd.ZstdIOException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Bytes read from a stream into a reusable buffer. The buffer grows only as data actually arrives
 * (at most doubling per step), so a corrupt length cannot make it allocate more than about twice
 * the bytes the stream really holds.
 */
final class StreamInput implements ByteInput {
  private static final int INITIAL = 1 << 16;

  private final InputStream in;
  private final boolean zstd;
  private byte[] array = new byte[INITIAL];
  private ByteBuffer buf = wrap(array);
  private int start;
  private int end;
  private long consumed;
  private boolean eof;

  StreamInput(InputStream in, boolean zstd) {
    this.in = in;
    this.zstd = zstd;
  }

  private static ByteBuffer wrap(byte[] array) {
    return ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public int fill(int n) {
    while (end - start < n && !eof) {
      if (end == array.length) {
        makeRoom(n);
      }
      readSome();
    }
    return Math.min(n, end - start);
  }

  /**
   * Called when the array is full: moves the unread bytes to the front, or, when they fill the
   * whole array, grows it (at most doubling, never beyond n) so growth tracks real data.
   */
  private void makeRoom(int n) {
    int live = end - start;
    byte[] target = array;
    if (start == 0) {
      long grown = Math.min(n, Math.max(2L * array.length, INITIAL));
      target = new byte[(int) Math.min(grown, Integer.MAX_VALUE - 16L)];
    }
    System.arraycopy(array, start, target, 0, live);
    if (target != array) {
      array = target;
      buf = wrap(array);
    }
    start = 0;
    end = live;
  }

  private void readSome() {
    try {
      int read = in.read(array, end, array.length - end);
      if (read < 0) {
        eof = true;
      } else {
        end += read;
      }
    } catch (ZstdIOException e) {
      throw new DbnException(
          DbnException.Code.CORRUPT_ZSTD,
          consumed + end - start,
          "the zstd data is corrupt or truncated (" + e.getMessage() + "); re-download the file",
          e);
    } catch (IOException e) {
      throw new DbnException(
          zstd ? DbnException.Code.CORRUPT_ZSTD : DbnException.Code.IO,
          consumed + end - start,
          "reading the input failed: " + e.getMessage(),
          e);
    }
  }

  @Override
  public ByteBuffer buffer() {
    return buf;
  }

  @Override
  public int position() {
    return start;
  }

  @Override
  public void skip(int n) {
    start += n;
    consumed += n;
  }

  @Override
  public long offset() {
    return consumed;
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new DbnException(DbnException.Code.IO, consumed, "closing the input failed", e);
    }
  }
}
