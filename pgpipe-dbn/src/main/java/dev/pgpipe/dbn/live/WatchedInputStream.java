package dev.pgpipe.dbn.live;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;

/**
 * The socket's input, supervised: fails with {@link SilenceException} when no byte arrived for
 * longer than the current limit (the authentication timeout, later the heartbeat interval + 5 s),
 * measured on an injected clock. The socket's read timeout is only the polling period at which the
 * clock is consulted, so tests move a fake clock instead of sleeping.
 *
 * <p>Remembers how the input ended (end of stream or an I/O failure) so the client can tell a
 * dropped connection from bad data. Counts bytes. One reader thread; the counters may be read from
 * any thread.
 */
final class WatchedInputStream extends InputStream {
  private final InputStream in;
  private final InstantSource clock;
  private volatile Duration limit;
  private volatile String waitingFor;
  private volatile Instant lastData;
  private volatile long bytes;
  private volatile boolean eof;
  private volatile @Nullable IOException failure;

  /** {@code in} must be a socket stream whose read timeout is the polling period. */
  WatchedInputStream(InputStream in, InstantSource clock, Duration limit, String waitingFor) {
    this.in = in;
    this.clock = clock;
    this.limit = limit;
    this.waitingFor = waitingFor;
    this.lastData = clock.instant();
  }

  /** Enters a new phase: from now on at most {@code newLimit} of silence. */
  void expect(Duration newLimit, String what) {
    this.limit = newLimit;
    this.waitingFor = what;
    this.lastData = clock.instant();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    Instant waitStart = clock.instant();
    while (true) {
      try {
        int n = in.read(b, off, len);
        if (n < 0) {
          eof = true;
        } else {
          bytes += n;
          lastData = clock.instant();
        }
        return n;
      } catch (SocketTimeoutException e) {
        checkSilence(waitStart);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }
  }

  private void checkSilence(Instant waitStart) throws SilenceException {
    Instant last = lastData;
    Instant since = last.isAfter(waitStart) ? last : waitStart;
    Duration allowed = limit;
    if (Duration.between(since, clock.instant()).compareTo(allowed) > 0) {
      SilenceException silence = new SilenceException(allowed, waitingFor);
      failure = silence;
      throw silence;
    }
  }

  /** Bytes read so far. */
  long bytes() {
    return bytes;
  }

  /** Whether the socket reached its end (the gateway closed its side). */
  boolean sawEof() {
    return eof;
  }

  /** The I/O failure that ended reading, a {@link SilenceException} on timeout; else null. */
  @Nullable IOException failure() {
    return failure;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
