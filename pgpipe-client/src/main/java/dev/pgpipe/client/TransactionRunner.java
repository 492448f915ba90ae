package dev.pgpipe.client;

import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs transaction callbacks for one pool: begins, commits or rolls back, retries serialization
 * failures and deadlocks by policy, and lets a nested call on the same thread join the running
 * transaction (a nested call never retries on its own). Thread-safe.
 */
final class TransactionRunner {

  private static final Logger LOG = LoggerFactory.getLogger(TransactionRunner.class);

  private final Pool pool;
  private final ThreadLocal<@Nullable RunningTransaction> current = new ThreadLocal<>();
  private final Ticker ticker;
  private final Sleeper sleeper;

  TransactionRunner(Pool pool, Ticker ticker, Sleeper sleeper) {
    this.pool = pool;
    this.ticker = ticker;
    this.sleeper = sleeper;
  }

  /** The transaction running on this thread, if any. */
  @Nullable RunningTransaction current() {
    return current.get();
  }

  <T> T run(TransactionOptions options, TransactionCallback<T> callback) {
    RunningTransaction outer = current.get();
    if (outer != null) {
      checkJoinable(outer.options(), options);
      return callback.run(outer);
    }
    Attempts attempts = options.retry().start(ticker);
    while (true) {
      try {
        return attempt(options, callback);
      } catch (PgException e) {
        // Only conflicts are re-run here (see TransientRule): never an unknown COMMIT outcome.
        if (e instanceof CommitOutcomeUnknownException || !e.isRetryable() || !attempts.failed()) {
          throw e;
        }
        LOG.debug(
            "transaction attempt {} failed ({}), retrying in {}",
            attempts.failures(),
            e.sqlState(),
            attempts.nextDelay());
        pause(attempts);
      }
    }
  }

  private void pause(Attempts attempts) {
    try {
      attempts.pause(sleeper);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PgException("interrupted while waiting to retry a transaction", e);
    }
  }

  private static void checkJoinable(TransactionOptions outer, TransactionOptions inner) {
    if (outer.readOnly() && !inner.readOnly()) {
      throw new IllegalStateException(
          "a read-write transaction cannot join the read-only transaction running on this thread");
    }
    if (inner.isolation().compareTo(outer.isolation()) > 0) {
      throw new IllegalStateException(
          "a nested transaction asks for "
              + inner.isolation()
              + " but joins the running "
              + outer.isolation()
              + " transaction; start the outer one with the stricter level");
    }
  }

  private <T> T attempt(TransactionOptions options, TransactionCallback<T> callback) {
    try (Lease lease = pool.lease()) {
      Connection connection = lease.connection();
      begin(connection, options);
      RunningTransaction transaction = new RunningTransaction(connection, options);
      current.set(transaction);
      T result;
      try {
        result = callback.run(transaction);
      } catch (RuntimeException | Error e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        current.remove();
      }
      commit(connection);
      return result;
    }
  }

  private static void begin(Connection connection, TransactionOptions options) {
    try {
      connection.setAutoCommit(false);
      if (options.isolation() != Pool.LEASE_ISOLATION) { // saves a round trip per transaction
        connection.setTransactionIsolation(options.isolation().jdbcLevel());
      }
      connection.setReadOnly(options.readOnly());
    } catch (SQLException e) {
      throw PgException.from(e, "BEGIN failed");
    }
  }

  private static void commit(Connection connection) {
    try {
      connection.commit();
    } catch (SQLException e) {
      PgException failure = PgException.from(e, "COMMIT failed");
      if (failure.isConnectionFailure() || isClosed(connection)) {
        throw new CommitOutcomeUnknownException(failure);
      }
      throw failure;
    }
  }

  private static boolean isClosed(Connection connection) {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  private static void rollbackQuietly(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(PgException.from(e, "ROLLBACK failed"));
    }
  }
}
