package dev.pgpipe.dbn.hist;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A response body that fails, rather than hangs, when no byte comes for {@code idle}: the JDK's
 * HttpClient times out only the wait for the headers, so a body whose server or network stalled
 * would block its reader forever. A virtual thread reads the body ahead, at most {@link #AHEAD}
 * chunks of {@link #CHUNK} bytes (so memory stays bounded); {@link #read} waits for the next chunk
 * at most {@code idle}, then closes the body and throws. Unlike the decoder's read-ahead (which
 * fills whole chunks to keep decompression busy, and waits for its thread on close), it hands over
 * each read as it comes, so that a slow but living stream is never taken for a stalled one, and
 * never waits for its thread; and unlike the live client's watch on its socket (which polls the
 * socket's read timeout), it needs no socket, which an HttpClient body does not expose. It must be
 * closed (its thread holds the connection until then). Not thread-safe: one reader.
 */
final class IdleTimeoutStream extends InputStream {

  static final int CHUNK = 64 << 10;
  static final int AHEAD = 4;

  /** What the read-ahead thread hands over: bytes, the end, or the failure that ended it. */
  private sealed interface Piece {}

  private record Bytes(byte[] bytes) implements Piece {}

  private record End() implements Piece {}

  private record Failed(IOException cause) implements Piece {}

  /** Not from the read-ahead thread: what every read throws once one timed out. */
  private record TimedOut(IOException error) implements Piece {}

  private final InputStream body;
  private final Duration idle;
  private final String what;
  private final BlockingQueue<Piece> pieces = new ArrayBlockingQueue<>(AHEAD);
  private final Thread reader;
  private byte[] current = new byte[0];
  private int position;
  private @Nullable Piece last;
  private volatile boolean closed;

  /**
   * @param body the response body; closed with this stream
   * @param idle the longest wait for the next byte
   * @param what the request, for the message (never the key: it is not in the body)
   */
  IdleTimeoutStream(InputStream body, Duration idle, String what) {
    this.body = body;
    this.idle = idle;
    this.what = what;
    this.reader = Thread.ofVirtual().name("pgpipe-hist-body").start(this::readAhead);
  }

  private void readAhead() {
    Piece ending;
    try {
      byte[] buffer = new byte[CHUNK];
      for (int n = body.read(buffer); n >= 0 && !closed; n = body.read(buffer)) {
        if (n > 0) {
          hand(new Bytes(Arrays.copyOf(buffer, n)));
        }
      }
      ending = new End();
    } catch (IOException e) {
      ending = new Failed(e);
    } catch (InterruptedException e) {
      return; // closed: nobody reads any more
    }
    try {
      hand(ending);
    } catch (InterruptedException e) {
      // closed meanwhile
    }
  }

  private void hand(Piece piece) throws InterruptedException {
    while (!closed && !pieces.offer(piece, 100, TimeUnit.MILLISECONDS)) {
      // the reader is slower than the network: wait for room (or for close)
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    if (closed && last == null) {
      throw new IOException("the answer of " + what + " was closed");
    }
    if (length == 0) {
      return 0;
    }
    while (position == current.length) {
      Piece piece = next();
      switch (piece) {
        case Bytes b -> {
          current = b.bytes();
          position = 0;
        }
        case End e -> {
          return -1;
        }
        case TimedOut t -> throw new IOException(t.error().getMessage(), t.error());
        case Failed f ->
            throw new IOException(
                "reading the answer of " + what + " failed: " + f.cause().getMessage(), f.cause());
      }
    }
    int n = Math.min(length, current.length - position);
    System.arraycopy(current, position, into, offset, n);
    position += n;
    return n;
  }

  private Piece next() throws IOException {
    if (last != null) {
      return last; // the end, or the failure, again
    }
    Piece piece;
    try {
      piece = pieces.poll(idle.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading the answer of " + what);
    }
    if (piece == null) {
      IOException stalled =
          new IOException(
              "no data for "
                  + (idle.toMillis() % 1000 != 0
                      ? idle.toMillis() + " ms"
                      : idle.toSeconds() + " s")
                  + " from "
                  + what
                  + ": the server or the network stalled (the limit is the client's read timeout);"
                  + " run the same request again");
      last = new TimedOut(stalled);
      try {
        close();
      } catch (IOException e) {
        stalled.addSuppressed(e);
      }
      throw stalled;
    }
    if (!(piece instanceof Bytes)) {
      last = piece;
    }
    return piece;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    reader.interrupt();
    body.close();
  }
}
