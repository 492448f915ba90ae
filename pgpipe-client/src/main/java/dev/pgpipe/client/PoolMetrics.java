package dev.pgpipe.client;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Metrics;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts acquisitions and their waits as HikariCP reports them, and hands every report on to
 * HikariCP's own Micrometer meters ({@code hikaricp_*}, labelled with the pool's name) in
 * Micrometer's global registry, which measures nothing until a registry is added to it.
 * Thread-safe.
 */
final class PoolMetrics implements MetricsTrackerFactory, IMetricsTracker {

  private final LongAdder acquisitions = new LongAdder();
  private final LongAdder acquisitionNanos = new LongAdder();
  private final LongAccumulator maxAcquisitionNanos = new LongAccumulator(Math::max, 0);
  private final LongAdder timeouts = new LongAdder();
  private volatile IMetricsTracker micrometer = new IMetricsTracker() {};

  @Override
  public IMetricsTracker create(String poolName, PoolStats poolStats) {
    micrometer =
        new MicrometerMetricsTrackerFactory(Metrics.globalRegistry).create(poolName, poolStats);
    return this;
  }

  @Override
  public void recordConnectionCreatedMillis(long connectionCreatedMillis) {
    micrometer.recordConnectionCreatedMillis(connectionCreatedMillis);
  }

  @Override
  public void recordConnectionUsageMillis(long elapsedBorrowedMillis) {
    micrometer.recordConnectionUsageMillis(elapsedBorrowedMillis);
  }

  @Override
  public void close() {
    micrometer.close();
  }

  @Override
  public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
    micrometer.recordConnectionAcquiredNanos(elapsedAcquiredNanos);
    acquisitions.increment();
    acquisitionNanos.add(elapsedAcquiredNanos);
    maxAcquisitionNanos.accumulate(elapsedAcquiredNanos);
  }

  @Override
  public void recordConnectionTimeout() {
    micrometer.recordConnectionTimeout();
    timeouts.increment();
  }

  long acquisitions() {
    return acquisitions.sum();
  }

  long meanAcquisitionNanos() {
    long count = acquisitions.sum();
    return count == 0 ? 0 : acquisitionNanos.sum() / count;
  }

  long maxAcquisitionNanos() {
    return maxAcquisitionNanos.get();
  }

  long timeouts() {
    return timeouts.sum();
  }
}
