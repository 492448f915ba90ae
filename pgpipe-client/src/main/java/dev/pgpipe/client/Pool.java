package dev.pgpipe.client;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The HikariCP pool behind a {@link Database}, counting its leases so that {@link #close()} can
 * wait for borrowed connections to come back. Every lease starts at {@link #LEASE_ISOLATION}: the
 * pool sets it on each new connection and restores it when a lease changed it through {@code
 * Connection.setTransactionIsolation}. A {@code SET SESSION CHARACTERISTICS} or {@code SET
 * default_transaction_isolation} sent as SQL is not undone, so pgpipe never sends one. Thread-safe.
 */
final class Pool implements ConnectionProvider, AutoCloseable {

  /** The isolation level of every connection the pool hands out. */
  static final Isolation LEASE_ISOLATION = Isolation.READ_COMMITTED;

  private final ConnectionSettings settings;
  private final PoolSettings limits;
  private final String name;
  private final PoolMetrics metrics = new PoolMetrics();
  private final HikariDataSource dataSource;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition drained = lock.newCondition();
  private int leases;
  private boolean closed;

  Pool(ConnectionSettings settings, PoolSettings limits, String name) {
    this.settings = settings;
    this.limits = limits;
    this.name = PoolNames.claim(name);
    try {
      this.dataSource = open(hikariConfig(settings, limits, this.name));
    } catch (RuntimeException e) {
      PoolNames.release(this.name);
      throw e;
    }
  }

  private HikariDataSource open(HikariConfig config) {
    try {
      return new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      throw unreachable(e.getCause() == null ? e : e.getCause());
    }
  }

  private HikariConfig hikariConfig(ConnectionSettings settings, PoolSettings limits, String name) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(settings.jdbcUrl());
    config.setDataSourceProperties(driverProperties(settings, limits));
    config.setMinimumIdle(limits.minIdle());
    config.setMaximumPoolSize(limits.maxSize());
    config.setConnectionTimeout(limits.acquisitionTimeout().toMillis());
    config.setIdleTimeout(Math.max(10_000, limits.idleTimeout().toMillis()));
    config.setMaxLifetime(Math.max(30_000, limits.maxLifetime().toMillis()));
    config.setInitializationFailTimeout(1);
    config.setTransactionIsolation("TRANSACTION_" + LEASE_ISOLATION.name());
    config.setMetricsTrackerFactory(metrics);
    return config;
  }

  private static java.util.Properties driverProperties(
      ConnectionSettings settings, PoolSettings limits) {
    java.util.Properties properties = settings.driverProperties();
    properties.putIfAbsent("connectTimeout", String.valueOf(limits.connectTimeout().toSeconds()));
    properties.putIfAbsent("tcpKeepAlive", "true");
    properties.putIfAbsent("ApplicationName", "pgpipe");
    return properties;
  }

  @Override
  public Lease lease() {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the database " + settings + " is closed");
      }
      leases++;
    } finally {
      lock.unlock();
    }
    try {
      return new PooledLease(dataSource.getConnection());
    } catch (SQLException e) {
      returned();
      throw acquisitionFailed(e);
    } catch (RuntimeException e) {
      returned();
      throw e;
    }
  }

  private PgException acquisitionFailed(SQLException e) {
    if (e.getCause() instanceof SQLException cause) {
      return unreachable(cause);
    }
    return new ConnectionUnavailableException(
        "no connection free within "
            + limits.acquisitionTimeout().toMillis()
            + " ms: all "
            + limits.maxSize()
            + " connections of the pool to "
            + settings
            + " are in use; raise maxSize or the acquisition timeout, or return connections sooner",
        PgException.from(e, "pool exhausted"));
  }

  private ConnectionUnavailableException unreachable(Throwable cause) {
    PgException facts =
        cause instanceof SQLException sql
            ? PgException.from(sql, "connect")
            : new PgException(String.valueOf(cause.getMessage()), cause);
    Optional<String> tls =
        cause instanceof SQLException sql ? TlsFailure.explain(sql, settings) : Optional.empty();
    String what =
        facts.isAuthenticationFailure()
            ? "the server refused the login of user '"
                + settings.user()
                + "': check the user and password"
            : tls.orElse(
                "cannot reach PostgreSQL: check that the server runs and the host and port are"
                    + " right");
    return new ConnectionUnavailableException(
        what + " (" + settings + "): " + facts.summary(), facts);
  }

  private void returned() {
    lock.lock();
    try {
      leases--;
      if (leases == 0) {
        drained.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  PoolStats stats() {
    HikariPoolMXBean bean = dataSource.getHikariPoolMXBean();
    return new PoolStats(
        bean == null ? 0 : bean.getActiveConnections(),
        bean == null ? 0 : bean.getIdleConnections(),
        bean == null ? 0 : bean.getThreadsAwaitingConnection(),
        metrics.acquisitions(),
        metrics.timeouts(),
        Duration.ofNanos(metrics.meanAcquisitionNanos()),
        Duration.ofNanos(metrics.maxAcquisitionNanos()));
  }

  ConnectionSettings settings() {
    return settings;
  }

  /**
   * Stops lending, waits up to the drain timeout for borrowed connections, then closes them all.
   */
  @Override
  public void close() {
    lock.lock();
    boolean first = !closed;
    closed = true;
    try {
      long remaining = limits.drainTimeout().toNanos();
      while (leases > 0 && remaining > 0) {
        remaining = drained.awaitNanos(remaining);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
    dataSource.close();
    if (first) {
      PoolNames.release(name);
    }
  }

  private final class PooledLease implements Lease {
    private final Connection connection;
    private boolean released;

    PooledLease(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Connection connection() {
      return connection;
    }

    @Override
    public void close() {
      if (released) {
        return;
      }
      released = true;
      try {
        connection.close();
      } catch (SQLException e) {
        throw PgException.from(e, "returning a connection to the pool");
      } finally {
        returned();
      }
    }
  }
}
