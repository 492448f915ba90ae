package dev.pgpipe.client;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL database behind a connection pool: the entry point of the client layer.
 *
 * <pre>{@code
 * try (Database db = Database.open("postgres://app:secret@localhost:5432/shop")) {
 *   List<Order> open = db.sql("SELECT * FROM orders WHERE status = :s").bind("s", "open")
 *       .as(Order.class).list();
 *   db.inTransaction(Isolation.SERIALIZABLE, tx -> tx.sql("UPDATE ...").update());
 * }
 * }</pre>
 *
 * <p>Each call outside a transaction borrows a connection for its duration; inside {@link
 * #inTransaction} every call on the same thread joins the transaction. Thread-safe. {@link
 * #close()} waits for borrowed connections to come back (up to the drain timeout), then closes
 * them. {@link #toString()} never shows the password.
 */
public final class Database implements SqlRunner, AutoCloseable {

  private final Pool pool;
  private final TransactionRunner transactions;
  private final ConnectionProvider connections;

  Database(Pool pool, Ticker ticker, Sleeper sleeper) {
    this.pool = pool;
    this.transactions = new TransactionRunner(pool, ticker, sleeper);
    this.connections = this::lease;
  }

  /**
   * Opens a pool with default limits for a {@code postgres://} or {@code jdbc:postgresql://} URL.
   */
  public static Database open(String url) {
    return builder().url(url).open();
  }

  /** Opens a pool with default limits from the {@code PG*} environment variables. */
  public static Database fromEnvironment() {
    return builder().settings(ConnectionSettings.fromEnvironment(System.getenv())).open();
  }

  /**
   * Whether a transaction of this database is running on the calling thread: {@link #inTransaction}
   * called here joins it instead of beginning one of its own.
   */
  public boolean inTransactionOnThisThread() {
    return transactions.current() != null;
  }

  /** A builder for connection settings and pool limits. */
  public static DatabaseBuilder builder() {
    return new DatabaseBuilder();
  }

  private Lease lease() {
    RunningTransaction transaction = transactions.current();
    return transaction == null ? pool.lease() : transaction.provider().lease();
  }

  @Override
  public Query sql(String sql, @Nullable Object... parameters) {
    return new Query(connections, sql, parameters);
  }

  /**
   * Runs {@code callback} in a READ COMMITTED transaction; see {@link
   * #inTransaction(TransactionOptions, TransactionCallback)}.
   */
  public <T> T inTransaction(TransactionCallback<T> callback) {
    return inTransaction(TransactionOptions.defaults(), callback);
  }

  /** Runs {@code callback} in a transaction of the given isolation level, with default retries. */
  public <T> T inTransaction(Isolation isolation, TransactionCallback<T> callback) {
    return inTransaction(TransactionOptions.of(isolation), callback);
  }

  /**
   * Runs {@code callback} in a transaction and commits it; rolls back when it throws. The whole
   * callback is run again after a serialization failure (40001) or deadlock (40P01), by the retry
   * policy. When the connection is lost during COMMIT, {@link CommitOutcomeUnknownException} is
   * thrown and nothing is retried. Called inside a running transaction on the same thread, the
   * callback joins it and is not retried on its own.
   */
  public <T> T inTransaction(TransactionOptions options, TransactionCallback<T> callback) {
    return transactions.run(options, callback);
  }

  /** {@link #inTransaction(TransactionOptions, TransactionCallback)} for a body with no result. */
  public void useTransaction(TransactionOptions options, Consumer<RunningTransaction> body) {
    transactions.run(
        options,
        tx -> {
          body.accept(tx);
          return Boolean.TRUE;
        });
  }

  /** {@link #useTransaction(TransactionOptions, Consumer)} with the default options. */
  public void useTransaction(Consumer<RunningTransaction> body) {
    useTransaction(TransactionOptions.defaults(), body);
  }

  @Override
  public long copyIn(String copySql, InputStream data) {
    return Copies.copyIn(connections, copySql, data);
  }

  @Override
  public long copyIn(String copySql, Path file) {
    return Copies.copyIn(connections, copySql, file);
  }

  @Override
  public long copyOut(String copySql, OutputStream out) {
    return Copies.copyOut(connections, copySql, out);
  }

  @Override
  public long copyOut(String copySql, Path file) {
    return Copies.copyOut(connections, copySql, file);
  }

  @Override
  public CopyIn openCopyIn(String copySql) {
    return Copies.openCopyIn(connections, copySql);
  }

  @Override
  public CopyOut openCopyOut(String copySql) {
    return Copies.openCopyOut(connections, copySql);
  }

  /**
   * Lends a pooled pgjdbc connection (or the current thread's transaction connection) for work the
   * client has no API for. Do not close it or change its auto-commit; {@link SQLException}s come
   * back as {@link PgException}.
   */
  public <T> T withJdbcConnection(JdbcCallback<T> work) {
    return connections.withConnection(
        connection -> {
          try {
            return work.run(connection);
          } catch (SQLException e) {
            throw PgException.from(e, "JDBC work failed");
          }
        });
  }

  /** One round trip ({@code SELECT 1}) on a pooled connection; returns its latency. */
  public Duration ping() {
    long start = System.nanoTime();
    sql("SELECT 1").scalar(Integer.class);
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Like {@link #ping()}, but reports a failure instead of throwing it. */
  public Health health() {
    long start = System.nanoTime();
    try {
      Duration latency = ping();
      return new Health(true, latency, stats(), Optional.empty());
    } catch (PgException e) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      return new Health(false, elapsed, stats(), Optional.of(e.getMessage()));
    }
  }

  /** The pool right now. */
  public PoolStats stats() {
    return pool.stats();
  }

  /** Where it connects (without the password). */
  public ConnectionSettings settings() {
    return pool.settings();
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "Database[" + pool.settings() + "]";
  }
}
