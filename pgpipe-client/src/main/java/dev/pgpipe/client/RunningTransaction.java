package dev.pgpipe.client;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import org.jspecify.annotations.Nullable;

/**
 * A running transaction, handed to a {@link TransactionCallback}. Everything run through it, or
 * through its {@link Database} on the same thread, shares one connection and commits or rolls back
 * together. Confined to the thread that runs the callback.
 */
public final class RunningTransaction implements SqlRunner {

  private final Connection connection;
  private final TransactionOptions options;
  private final ConnectionProvider provider;

  RunningTransaction(Connection connection, TransactionOptions options) {
    this.connection = connection;
    this.options = options;
    this.provider = () -> new BorrowedLease(connection);
  }

  ConnectionProvider provider() {
    return provider;
  }

  /** The options it was started with. */
  public TransactionOptions options() {
    return options;
  }

  @Override
  public Query sql(String sql, @Nullable Object... parameters) {
    return new Query(provider, sql, parameters);
  }

  /** Marks a point to roll back to without losing the whole transaction. */
  public Savepoint savepoint() {
    try {
      return connection.setSavepoint();
    } catch (SQLException e) {
      throw PgException.from(e, "SAVEPOINT failed");
    }
  }

  /** Undoes everything since the savepoint; the transaction goes on. */
  public void rollbackTo(Savepoint savepoint) {
    try {
      connection.rollback(savepoint);
    } catch (SQLException e) {
      throw PgException.from(e, "ROLLBACK TO SAVEPOINT failed");
    }
  }

  /** Forgets a savepoint, keeping its changes. */
  public void release(Savepoint savepoint) {
    try {
      connection.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      throw PgException.from(e, "RELEASE SAVEPOINT failed");
    }
  }

  /**
   * Runs {@code body} inside a savepoint: when it throws, its changes are rolled back and the
   * exception propagates, while the transaction stays usable.
   */
  public <T> T inSavepoint(TransactionCallback<T> body) {
    Savepoint savepoint = savepoint();
    T result;
    try {
      result = body.run(this);
    } catch (RuntimeException | Error e) {
      rollbackTo(savepoint);
      throw e;
    }
    release(savepoint);
    return result;
  }

  @Override
  public long copyIn(String copySql, InputStream data) {
    return Copies.copyIn(provider, copySql, data);
  }

  @Override
  public long copyIn(String copySql, Path file) {
    return Copies.copyIn(provider, copySql, file);
  }

  @Override
  public long copyOut(String copySql, OutputStream out) {
    return Copies.copyOut(provider, copySql, out);
  }

  @Override
  public long copyOut(String copySql, Path file) {
    return Copies.copyOut(provider, copySql, file);
  }

  @Override
  public CopyIn openCopyIn(String copySql) {
    return Copies.openCopyIn(provider, copySql);
  }

  @Override
  public CopyOut openCopyOut(String copySql) {
    return Copies.openCopyOut(provider, copySql);
  }

  /** The transaction's connection, lent without giving it back on close. */
  private record BorrowedLease(Connection connection) implements Lease {
    @Override
    public void close() {}
  }
}
