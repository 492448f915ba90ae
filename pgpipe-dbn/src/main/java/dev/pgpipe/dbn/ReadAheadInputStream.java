package dev.pgpipe.dbn;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * Reads a source stream ahead on a background thread, so that producing the bytes (zstd
 * decompression) and consuming them (record decoding) run at the same time.
 *
 * <p>Memory is bounded: at most {@code depth} chunks of {@code chunkSize} bytes wait in the queue.
 * A failure of the source is rethrown, as the same exception, by the read that reaches it; the end
 * of the source is an ordinary end of stream. {@link #close()} stops the thread and closes the
 * source. Reads must come from one thread.
 */
final class ReadAheadInputStream extends InputStream {

  private static final byte[] END = new byte[0];

  private final InputStream source;
  private final int chunkSize;
  private final BlockingQueue<byte[]> chunks;
  private final Thread reader;
  private volatile @Nullable IOException failure;
  private byte[] current = new byte[0];
  private int position;
  private boolean ended;

  ReadAheadInputStream(InputStream source, int chunkSize, int depth) {
    this.source = source;
    this.chunkSize = chunkSize;
    this.chunks = new ArrayBlockingQueue<>(depth);
    this.reader = Thread.ofPlatform().daemon().name("pgpipe-dbn-read-ahead").unstarted(this::pump);
    reader.start();
  }

  private void pump() {
    try {
      boolean more = true;
      while (more) {
        byte[] chunk = new byte[chunkSize];
        int filled = readFully(chunk);
        more = filled == chunk.length && failure == null;
        if (filled > 0) {
          chunks.put(filled == chunk.length ? chunk : Arrays.copyOf(chunk, filled));
        }
      }
      chunks.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Fills the chunk; on a failure of the source keeps the bytes read so far and notes it. */
  private int readFully(byte[] chunk) {
    int filled = 0;
    try {
      while (filled < chunk.length) {
        int n = source.read(chunk, filled, chunk.length - filled);
        if (n < 0) {
          break;
        }
        filled += n;
      }
    } catch (IOException e) {
      failure = e;
    }
    return filled;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (position == current.length && !advance()) {
      return -1;
    }
    int count = Math.min(length, current.length - position);
    System.arraycopy(current, position, target, offset, count);
    position += count;
    return count;
  }

  private boolean advance() throws IOException {
    if (ended) {
      return false;
    }
    try {
      current = chunks.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for input");
    }
    position = 0;
    if (current == END) {
      ended = true;
      IOException error = failure;
      if (error != null) {
        throw error;
      }
      return false;
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    reader.interrupt();
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    source.close();
  }
}
