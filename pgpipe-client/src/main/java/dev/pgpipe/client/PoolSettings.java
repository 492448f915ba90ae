package dev.pgpipe.client;

import java.time.Duration;

/**
 * Pool limits: how many connections, how long to wait for one, and when to retire them.
 *
 * @param minIdle connections kept open while idle
 * @param maxSize the most connections open at once
 * @param acquisitionTimeout how long a caller waits for a free connection before {@link
 *     ConnectionUnavailableException}; at least 250 ms
 * @param idleTimeout how long a connection above {@code minIdle} may sit idle
 * @param maxLifetime the age at which a connection is retired once returned
 * @param connectTimeout how long opening one connection may take (TCP and login)
 * @param drainTimeout how long {@link Database#close()} waits for borrowed connections to return
 */
public record PoolSettings(
    int minIdle,
    int maxSize,
    Duration acquisitionTimeout,
    Duration idleTimeout,
    Duration maxLifetime,
    Duration connectTimeout,
    Duration drainTimeout) {

  public PoolSettings {
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be >= 1: " + maxSize);
    }
    if (minIdle < 0 || minIdle > maxSize) {
      throw new IllegalArgumentException(
          "minIdle must be within 0..maxSize (" + maxSize + "): " + minIdle);
    }
    if (acquisitionTimeout.toMillis() < 250) {
      throw new IllegalArgumentException(
          "acquisitionTimeout must be >= 250 ms: " + acquisitionTimeout);
    }
    if (connectTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException("connectTimeout must be >= 1 s: " + connectTimeout);
    }
    requirePositive("idleTimeout", idleTimeout);
    requirePositive("maxLifetime", maxLifetime);
    requirePositive("drainTimeout", drainTimeout);
  }

  /** 0 idle, 10 at most, 30 s to acquire, 10 min idle, 30 min lifetime, 10 s to connect. */
  public static PoolSettings defaults() {
    return new PoolSettings(
        0,
        10,
        Duration.ofSeconds(30),
        Duration.ofMinutes(10),
        Duration.ofMinutes(30),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30));
  }

  private static void requirePositive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0: " + value);
    }
  }
}
