package dev.pgpipe.bench.replicate;

import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Measures one workload: fresh databases, both slots made, the backlog committed with nobody
 * consuming (ending with a marker tick), then the subscription and then {@code pgpipe replicate}
 * catch up on it, each timed from its start to the moment the marker was applied (server clock);
 * {@code pg_stat_statements} is reset before pgpipe's run. Then both targets are compared with the
 * source row by row.
 */
final class CatchUp {

  static final long MARKER = 1;
  private static final int TOP = 8;

  private final Cluster cluster;
  private final ApplyPath nativePath;
  private final ApplyPath pgpipePath;
  private final Duration timeout;
  private final PrintWriter out;

  CatchUp(
      Cluster cluster,
      ApplyPath nativePath,
      ApplyPath pgpipePath,
      Duration timeout,
      PrintWriter out) {
    this.cluster = cluster;
    this.nativePath = nativePath;
    this.pgpipePath = pgpipePath;
    this.timeout = timeout;
    this.out = out;
  }

  WorkloadResult run(Workload workload) {
    cluster.reset();
    cluster.createSlot(Cluster.NATIVE_SLOT);
    cluster.createSlot(Cluster.PGPIPE_SLOT);
    try (Database source = Cluster.open(cluster.source())) {
      Statements statements = Statements.on(source);
      if (statements == null) {
        say(
            "%s: pg_stat_statements is not preloaded on this server, so statements are not"
                + " counted (an embedded server started by this version preloads it; restart it)",
            workload.name());
      }
      SourceWriter.Written backlog = new SourceWriter(source).backlog(workload, MARKER);
      say(
          "%s: %,d transactions, %,d row changes committed in %.1f s; native catching up ...",
          workload.name(), backlog.transactions(), backlog.rows(), backlog.seconds());
      double nativeSeconds = timed(nativePath);
      say("%s: native %.2f s; pgpipe catching up ...", workload.name(), nativeSeconds);
      if (statements != null) {
        statements.reset();
      }
      double pgpipeSeconds = timed(pgpipePath);
      say(
          "%s: pgpipe %.2f s; comparing the targets with the source ...",
          workload.name(), pgpipeSeconds);
      return result(workload, backlog, nativeSeconds, pgpipeSeconds, statements);
    }
  }

  private WorkloadResult result(
      Workload workload,
      SourceWriter.Written backlog,
      double nativeSeconds,
      double pgpipeSeconds,
      @Nullable Statements statements) {
    return new WorkloadResult(
        workload.name(),
        backlog.transactions(),
        backlog.rows(),
        nativeSeconds,
        pgpipeSeconds,
        statements == null ? null : statements.read(Cluster.PGPIPE, TOP),
        Equality.differences(cluster.source(), cluster.nativeTarget()),
        Equality.differences(cluster.source(), cluster.pgpipeTarget()));
  }

  /** Seconds from the path's start to the marker applied in its target. */
  private double timed(ApplyPath path) {
    ConnectionSettings target = path.target();
    try (TargetProbe probe = new TargetProbe(target)) {
      path.prepare();
      double start = probe.now();
      try (ApplyPath.Running running = path.start()) {
        return probe.await(MARKER, running::check, timeout, path.name()) - start;
      }
    }
  }

  private void say(String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
    out.flush();
  }
}
