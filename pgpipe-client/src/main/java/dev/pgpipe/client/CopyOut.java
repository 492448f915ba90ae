package dev.pgpipe.client;

import java.io.InputStream;
import java.sql.SQLException;

/**
 * A running {@code COPY ... TO STDOUT}, read as a stream of the bytes the server sends. {@link
 * #rows()} tells how many rows came once the stream is exhausted. Closing early cancels the COPY.
 * Holds a connection until closed. Not thread-safe.
 */
public final class CopyOut extends InputStream {

  private static final byte[] NONE = new byte[0];

  private final Lease lease;
  private final org.postgresql.copy.CopyOut copy;
  private byte[] chunk = NONE;
  private int position;
  private boolean exhausted;
  private boolean closed;

  CopyOut(Lease lease, org.postgresql.copy.CopyOut copy) {
    this.lease = lease;
    this.copy = copy;
  }

  @Override
  public int read() {
    if (!fill()) {
      return -1;
    }
    return chunk[position++] & 0xFF;
  }

  @Override
  public int read(byte[] target, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int count = Math.min(length, chunk.length - position);
    System.arraycopy(chunk, position, target, offset, count);
    position += count;
    return count;
  }

  private boolean fill() {
    while (position == chunk.length) {
      if (exhausted || closed) {
        return false;
      }
      try {
        byte[] next = copy.readFromCopy();
        if (next == null) {
          exhausted = true;
          return false;
        }
        chunk = next;
        position = 0;
      } catch (SQLException e) {
        exhausted = true;
        throw PgException.from(e, "COPY TO STDOUT failed");
      }
    }
    return true;
  }

  /** The rows the server sent; known once the stream is exhausted. */
  public long rows() {
    if (!exhausted) {
      throw new IllegalStateException("the row count is known once the stream is read to its end");
    }
    return copy.getHandledRowCount();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (lease) {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    } catch (SQLException e) {
      if (!"57014".equals(e.getSQLState())) {
        throw PgException.from(e, "cancelling COPY TO STDOUT failed");
      }
    }
  }
}
