package dev.pgpipe.client;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * What can run SQL and COPY: a {@link Database} (each call on a pooled connection, or on the
 * current thread's transaction) or a {@link RunningTransaction}. Code written against it runs
 * either way.
 */
public sealed interface SqlRunner permits Database, RunningTransaction {

  /** A statement with positional {@code ?} parameters, or named ones bound later. */
  Query sql(String sql, @Nullable Object... parameters);

  /** Runs {@code COPY ... FROM STDIN} fed from a stream; returns the rows loaded. */
  long copyIn(String copySql, InputStream data);

  /** Runs {@code COPY ... FROM STDIN} fed from a file; returns the rows loaded. */
  long copyIn(String copySql, Path file);

  /** Runs {@code COPY ... TO STDOUT} into a stream; returns the rows written. */
  long copyOut(String copySql, OutputStream out);

  /**
   * Runs {@code COPY ... TO STDOUT} into a file (created or replaced); returns the rows written.
   */
  long copyOut(String copySql, Path file);

  /** Starts {@code COPY ... FROM STDIN} to be written as a stream; see {@link CopyIn}. */
  CopyIn openCopyIn(String copySql);

  /** Starts {@code COPY ... TO STDOUT} to be read as a stream; see {@link CopyOut}. */
  CopyOut openCopyOut(String copySql);
}
