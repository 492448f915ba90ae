package dev.pgpipe.client;

import java.io.OutputStream;
import java.sql.SQLException;

/**
 * A running {@code COPY ... FROM STDIN}, written as a stream in the format the statement names
 * (text, CSV or binary). Writes are buffered and sent in large CopyData messages.
 *
 * <p>{@link #finish()} ends the COPY and returns the rows loaded; {@link #close()} without {@code
 * finish()} aborts it and nothing is loaded, so a failed writer never leaves half a load. Holds a
 * connection until closed. Not thread-safe.
 */
public final class CopyIn extends OutputStream {

  private static final int BUFFER_BYTES = 1 << 16;

  private final Lease lease;
  private final org.postgresql.copy.CopyIn copy;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int buffered;
  private long bytesSent;
  private boolean ended;

  CopyIn(Lease lease, org.postgresql.copy.CopyIn copy) {
    this.lease = lease;
    this.copy = copy;
  }

  @Override
  public void write(int b) {
    if (buffered == buffer.length) {
      flush();
    }
    buffer[buffered++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    if (length >= buffer.length) {
      flush();
      send(bytes, offset, length);
      return;
    }
    if (length > buffer.length - buffered) {
      flush();
    }
    System.arraycopy(bytes, offset, buffer, buffered, length);
    buffered += length;
  }

  /** Sends what is buffered to the server. */
  @Override
  public void flush() {
    if (buffered > 0) {
      send(buffer, 0, buffered);
      buffered = 0;
    }
  }

  private void send(byte[] bytes, int offset, int length) {
    requireOpen();
    try {
      copy.writeToCopy(bytes, offset, length);
      bytesSent += length;
    } catch (SQLException e) {
      ended = true;
      throw PgException.from(e, "COPY FROM STDIN failed after " + bytesSent + " bytes");
    }
  }

  /** The bytes sent to the server so far. */
  public long bytesSent() {
    return bytesSent;
  }

  /** Ends the COPY, making the rows visible (or part of the running transaction). */
  public long finish() {
    flush();
    requireOpen();
    try {
      ended = true;
      return copy.endCopy();
    } catch (SQLException e) {
      throw PgException.from(e, "COPY FROM STDIN failed at its end (" + bytesSent + " bytes sent)");
    } finally {
      lease.close();
    }
  }

  /** Aborts the COPY unless {@link #finish()} ended it, and gives the connection back. */
  @Override
  public void close() {
    if (ended) {
      lease.close();
      return;
    }
    ended = true;
    try (lease) {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    } catch (SQLException e) {
      // The server answers a cancelled COPY with an error by design; nothing was loaded.
      if (!"57014".equals(e.getSQLState())) {
        throw PgException.from(e, "aborting COPY FROM STDIN failed");
      }
    }
  }

  private void requireOpen() {
    if (ended) {
      throw new IllegalStateException("the COPY has already ended");
    }
  }
}
