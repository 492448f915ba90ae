package dev.pgpipe.client;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Database}: connection settings (a URL, the {@code PG*} variables, or {@link
 * ConnectionSettings}) and pool limits. Not thread-safe; {@link #open()} may be called once per
 * configuration.
 */
public final class DatabaseBuilder {

  private @Nullable ConnectionSettings settings;
  private PoolSettings limits = PoolSettings.defaults();
  private String poolName = "pgpipe";
  private Ticker ticker = Ticker.SYSTEM;
  private Sleeper sleeper = Sleeper.SYSTEM;

  DatabaseBuilder() {}

  public DatabaseBuilder url(String url) {
    this.settings = ConnectionSettings.parse(url);
    return this;
  }

  public DatabaseBuilder settings(ConnectionSettings connectionSettings) {
    this.settings = connectionSettings;
    return this;
  }

  public DatabaseBuilder pool(PoolSettings poolSettings) {
    this.limits = poolSettings;
    return this;
  }

  /** The most connections open at once (default 10). */
  public DatabaseBuilder maxSize(int maxSize) {
    return pool(
        new PoolSettings(
            Math.min(limits.minIdle(), maxSize),
            maxSize,
            limits.acquisitionTimeout(),
            limits.idleTimeout(),
            limits.maxLifetime(),
            limits.connectTimeout(),
            limits.drainTimeout()));
  }

  /** How long a caller waits for a free connection (default 30 s, at least 250 ms). */
  public DatabaseBuilder acquisitionTimeout(Duration timeout) {
    return pool(
        new PoolSettings(
            limits.minIdle(),
            limits.maxSize(),
            timeout,
            limits.idleTimeout(),
            limits.maxLifetime(),
            limits.connectTimeout(),
            limits.drainTimeout()));
  }

  /** The pool's name in logs and metrics (default {@code pgpipe}). */
  public DatabaseBuilder name(String name) {
    this.poolName = name;
    return this;
  }

  /** The clock a transaction's retry deadline ({@link Backoff#maxElapsed()}) is measured on. */
  public DatabaseBuilder ticker(Ticker clock) {
    this.ticker = clock;
    return this;
  }

  /** What waits between a transaction's retries ({@link Sleeper#SYSTEM}; a fake one in tests). */
  public DatabaseBuilder sleeper(Sleeper retrySleeper) {
    this.sleeper = retrySleeper;
    return this;
  }

  /**
   * Opens the pool and checks the server can be reached with one connection; fails at once with
   * {@link ConnectionUnavailableException} when it cannot.
   */
  public Database open() {
    ConnectionSettings target = settings;
    if (target == null) {
      throw new IllegalStateException("no database given: set a url or settings first");
    }
    return new Database(new Pool(target, limits, poolName), ticker, sleeper);
  }
}
