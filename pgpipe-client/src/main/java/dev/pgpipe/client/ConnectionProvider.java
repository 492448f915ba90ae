package dev.pgpipe.client;

/** Hands out connections: the pool, or the connection of a running transaction. */
interface ConnectionProvider {

  /** Borrows a connection; throws {@link ConnectionUnavailableException} when none can be had. */
  Lease lease();

  /** Runs work on a borrowed connection and gives it back. */
  default <T> T withConnection(ConnectionWork<T> work) {
    try (Lease lease = lease()) {
      return work.run(lease.connection());
    }
  }

  /** Work on one connection; throws the unchecked {@link PgException}. */
  @FunctionalInterface
  interface ConnectionWork<T> {
    T run(java.sql.Connection connection);
  }
}
