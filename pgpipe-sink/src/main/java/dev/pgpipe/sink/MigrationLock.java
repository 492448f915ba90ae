package dev.pgpipe.sink;

import dev.pgpipe.client.RunningTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one lock every pgpipe process takes before creating its own schema, tables and indexes on a
 * database: a transaction-scoped advisory lock, so creation by a sink, a buffer and a replay
 * starting together is serialised. PostgreSQL's {@code CREATE ... IF NOT EXISTS} is not safe
 * against a concurrent creation of the same object (the loser fails with a unique violation on the
 * catalog), so one key for all of them, whatever the schema, is the contract.
 */
public final class MigrationLock {

  private static final String TAKE = "SELECT pg_advisory_xact_lock(hashtext('pgpipe.migrate'))";

  private MigrationLock() {}

  /** Waits for the lock; it is released when {@code tx} ends. */
  public static void take(RunningTransaction tx) {
    tx.sql(TAKE).map(r -> 1).list();
  }

  /**
   * Waits for the lock on a connection inside a transaction; released when that transaction ends.
   */
  public static void take(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(TAKE);
    }
  }
}
