package dev.pgpipe.client;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** Counts acquisitions and their waits as HikariCP reports them. Thread-safe. */
final class PoolMetrics implements MetricsTrackerFactory, IMetricsTracker {

  private final LongAdder acquisitions = new LongAdder();
  private final LongAdder acquisitionNanos = new LongAdder();
  private final LongAccumulator maxAcquisitionNanos = new LongAccumulator(Math::max, 0);
  private final LongAdder timeouts = new LongAdder();

  @Override
  public IMetricsTracker create(String poolName, PoolStats poolStats) {
    return this;
  }

  @Override
  public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
    acquisitions.increment();
    acquisitionNanos.add(elapsedAcquiredNanos);
    maxAcquisitionNanos.accumulate(elapsedAcquiredNanos);
  }

  @Override
  public void recordConnectionTimeout() {
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
