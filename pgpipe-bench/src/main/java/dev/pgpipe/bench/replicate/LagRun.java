package dev.pgpipe.bench.replicate;

import dev.pgpipe.client.Database;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures one path's lag while it runs live: fresh databases and a fresh slot, the path started
 * and streaming (its slot active), then the OLTP mix committed at a steady rate, each transaction
 * ending with a tick; once the last tick is applied, the lag of every tick is read from the target
 * and the target is compared with the source row by row.
 */
final class LagRun {

  private final Cluster cluster;
  private final double rate;
  private final Duration duration;
  private final int maxChanges;
  private final Duration timeout;
  private final PrintWriter out;

  LagRun(
      Cluster cluster,
      double rate,
      Duration duration,
      int maxChanges,
      Duration timeout,
      PrintWriter out) {
    this.cluster = cluster;
    this.rate = rate;
    this.duration = duration;
    this.maxChanges = maxChanges;
    this.timeout = timeout;
    this.out = out;
  }

  LagResult run(ApplyPath path, long seed) {
    cluster.reset(List.of(path));
    cluster.createSlot(path.slot());
    SourceWriter.Written written;
    LagFigures lag;
    try (Database source = Cluster.open(cluster.source());
        TargetProbe probe = new TargetProbe(path.target())) {
      path.prepare();
      try (ApplyPath.Running running = path.start()) {
        awaitStreaming(path, running);
        say("lag: %s streaming; %.0f tx/s for %s ...", path.name(), rate, duration);
        written = new SourceWriter(source).paced(new OltpMix(0, maxChanges, seed), rate, duration);
        probe.await(written.transactions(), running::check, timeout, path.name());
      }
      lag = probe.lag();
    }
    return new LagResult(
        path.name(),
        rate,
        written.transactions() / Math.max(1e-9, written.seconds()),
        written.rows(),
        lag,
        Equality.differences(cluster.source(), path.target()));
  }

  private void awaitStreaming(ApplyPath path, ApplyPath.Running running) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!cluster.slotActive(path.slot())) {
      running.check();
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            path.name() + ": slot " + path.slot() + " not streaming within " + timeout);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  private void say(String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
    out.flush();
  }
}
