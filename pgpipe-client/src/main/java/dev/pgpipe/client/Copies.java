package dev.pgpipe.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * COPY in and out on a leased connection, shared by {@link Database} and {@link
 * RunningTransaction}.
 */
final class Copies {

  private static final int STREAM_BUFFER = 1 << 16;

  private Copies() {}

  static long copyIn(ConnectionProvider connections, String sql, InputStream data) {
    try (CopyIn copy = openCopyIn(connections, sql)) {
      data.transferTo(copy);
      return copy.finish();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the data for " + sql + " failed", e);
    }
  }

  static long copyIn(ConnectionProvider connections, String sql, Path file) {
    try (InputStream data = Files.newInputStream(file)) {
      return copyIn(connections, sql, data);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " for COPY", e);
    }
  }

  static long copyOut(ConnectionProvider connections, String sql, OutputStream out) {
    try (CopyOut copy = openCopyOut(connections, sql)) {
      copy.transferTo(out);
      return copy.rows();
    } catch (IOException e) {
      throw new UncheckedIOException("writing the output of " + sql + " failed", e);
    }
  }

  static long copyOut(ConnectionProvider connections, String sql, Path file) {
    try (OutputStream out =
        new java.io.BufferedOutputStream(Files.newOutputStream(file), STREAM_BUFFER)) {
      return copyOut(connections, sql, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + " for COPY", e);
    }
  }

  static CopyIn openCopyIn(ConnectionProvider connections, String sql) {
    Lease lease = connections.lease();
    try {
      return new CopyIn(lease, manager(lease).copyIn(sql));
    } catch (SQLException e) {
      lease.close();
      throw PgException.from(e, "COPY FROM STDIN could not start (" + sql + ")");
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  static CopyOut openCopyOut(ConnectionProvider connections, String sql) {
    Lease lease = connections.lease();
    try {
      return new CopyOut(lease, manager(lease).copyOut(sql));
    } catch (SQLException e) {
      lease.close();
      throw PgException.from(e, "COPY TO STDOUT could not start (" + sql + ")");
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  private static CopyManager manager(Lease lease) throws SQLException {
    return lease.connection().unwrap(PGConnection.class).getCopyAPI();
  }
}
