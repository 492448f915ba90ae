package dev.pgpipe.bench.replicate;

import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures one workload: fresh databases, every path's slot made, the backlog committed with nobody
 * consuming (ending with a marker tick), then the subscription, {@code pgpipe replicate} and the
 * other paths asked for (the change buffer, JetStream) catch up on it one after the other, each
 * timed from its start to the moment the marker was applied in its own target (server clock);
 * {@code pg_stat_statements} is reset before pgpipe's run and read after it. Then every target is
 * compared with the source row by row.
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

  /** Runs {@code workload} through native, pgpipe and then each of {@code others}. */
  WorkloadResult run(Workload workload, List<ApplyPath> others) {
    List<ApplyPath> paths = new ArrayList<>(List.of(nativePath, pgpipePath));
    paths.addAll(others);
    cluster.reset(paths);
    paths.forEach(path -> cluster.createSlot(path.slot()));
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
      StatementCounts counts = statements == null ? null : statements.read(Cluster.PGPIPE, TOP);
      say("%s: pgpipe %.2f s", workload.name(), pgpipeSeconds);
      List<PathCatchUp> measured = others.stream().map(o -> measure(workload, o)).toList();
      say("%s: comparing the native and pgpipe targets with the source ...", workload.name());
      return new WorkloadResult(
          workload.name(),
          backlog.transactions(),
          backlog.rows(),
          nativeSeconds,
          pgpipeSeconds,
          counts,
          differences(nativePath),
          differences(pgpipePath),
          measured);
    }
  }

  /** An other path's catch-up and then the check of its target. */
  private PathCatchUp measure(Workload workload, ApplyPath path) {
    say("%s: %s catching up ...", workload.name(), path.name());
    double seconds = timed(path);
    say(
        "%s: %s %.2f s; comparing its target with the source ...",
        workload.name(), path.name(), seconds);
    return new PathCatchUp(path.name(), seconds, differences(path));
  }

  private List<String> differences(ApplyPath path) {
    return Equality.differences(cluster.source(), path.target());
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
