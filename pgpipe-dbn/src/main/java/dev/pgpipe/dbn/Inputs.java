package dev.pgpipe.dbn;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Opens inputs, telling plain DBN from zstd by the first bytes: {@code 28 B5 2F FD} starts a zstd
 * frame (all frames of a multi-frame file are read); a skippable frame {@code 0x184D2A50} followed
 * by "DBZ" is the legacy DBZ format, which is rejected.
 */
final class Inputs {
  private static final int ZSTD_MAGIC = 0xFD2FB528;
  private static final int DBZ_MAGIC = 0x184D2A50;
  private static final int PEEK = 12;

  private Inputs() {}

  static ByteInput of(ByteBuffer data) {
    ByteBuffer le = data.slice().order(ByteOrder.LITTLE_ENDIAN);
    byte[] head = new byte[Math.min(PEEK, le.remaining())];
    le.get(0, head);
    if (isZstd(head)) {
      return zstd(new ByteBufferInputStream(le), false);
    }
    return new BufferInput(le);
  }

  static ByteInput of(InputStream in) {
    PushbackInputStream pushback = new PushbackInputStream(in, PEEK);
    byte[] head = new byte[PEEK];
    int n = 0;
    try {
      for (int read = 0; n < PEEK && read >= 0; n += Math.max(read, 0)) {
        read = pushback.read(head, n, PEEK - n);
      }
      pushback.unread(head, 0, n);
    } catch (IOException e) {
      throw new DbnException(DbnException.Code.IO, 0, "reading the input failed", e);
    }
    byte[] peeked = Arrays.copyOf(head, n);
    return isZstd(peeked) ? zstd(pushback, false) : new StreamInput(pushback, false);
  }

  static ByteInput open(Path file) {
    FileChannel channel;
    byte[] head;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
      ByteBuffer peek = ByteBuffer.allocate(PEEK);
      while (peek.hasRemaining() && channel.read(peek, peek.position()) > 0) {
        // positional reads leave the channel at 0 for the stream opened below
      }
      head = Arrays.copyOf(peek.array(), peek.position());
    } catch (IOException e) {
      throw new DbnException(DbnException.Code.IO, 0, "cannot open " + file + ": " + e, e);
    }
    if (isZstd(head)) {
      return zstd(new BufferedInputStream(Channels.newInputStream(channel), 1 << 17), true);
    }
    return new MappedFileInput(channel);
  }

  /**
   * For files, decompression runs ahead of decoding on its own thread by at most 4 chunks of 1 MiB,
   * so the two overlap; in-memory and caller-owned streams decompress on the decoding thread.
   */
  private static final int READ_AHEAD_CHUNK = 1 << 20;

  private static final int READ_AHEAD_DEPTH = 4;

  private static ByteInput zstd(InputStream compressed, boolean readAhead) {
    try {
      InputStream decompressed = new ZstdInputStreamNoFinalizer(compressed);
      return new StreamInput(
          readAhead
              ? new ReadAheadInputStream(decompressed, READ_AHEAD_CHUNK, READ_AHEAD_DEPTH)
              : decompressed,
          true);
    } catch (IOException e) {
      throw new DbnException(DbnException.Code.CORRUPT_ZSTD, 0, "cannot start zstd", e);
    }
  }

  /** Whether the data starts a zstd frame; throws for legacy DBZ. */
  static boolean isZstd(byte[] head) {
    if (head.length < 4) {
      return false;
    }
    int magic = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    if (magic == DBZ_MAGIC
        && head.length >= 11
        && head[8] == 'D'
        && head[9] == 'B'
        && head[10] == 'Z') {
      throw new DbnException(
          DbnException.Code.LEGACY_DBZ,
          0,
          "Legacy DBZ encoding is not supported: this is a .dbz file, the pre-DBN format of"
              + " Databento; convert it to DBN with Databento's `dbn` tool or download it again");
    }
    return magic == ZSTD_MAGIC || (magic & 0xFFFFFFF0) == DBZ_MAGIC;
  }

  /** Reads a ByteBuffer as a stream, for the zstd decompressor. */
  private static final class ByteBufferInputStream extends InputStream {
    private final ByteBuffer data;

    ByteBufferInputStream(ByteBuffer data) {
      this.data = data.duplicate();
    }

    @Override
    public int read() {
      return data.hasRemaining() ? data.get() & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (!data.hasRemaining()) {
        return -1;
      }
      int n = Math.min(len, data.remaining());
      data.get(b, off, n);
      return n;
    }
  }
}
