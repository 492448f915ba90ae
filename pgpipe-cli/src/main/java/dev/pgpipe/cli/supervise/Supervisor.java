package dev.pgpipe.cli.supervise;

import dev.pgpipe.cdc.Job;
import dev.pgpipe.cdc.JobRunner;
import dev.pgpipe.cdc.Outcome;
import dev.pgpipe.cdc.StopReason;
import dev.pgpipe.cli.observe.Observability;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one supervisor of the long-running commands ({@code cdc} to stdout, buffer or NATS, {@code
 * replicate}, {@code sink --from nats}, {@code buffer process}, {@code live}).
 *
 * <pre>{@code
 * try (Supervisor supervisor = Supervisor.start(err, "pgpipe cdc", Duration.ofSeconds(30))) {
 *   Outcome<DrainStats> done;
 *   try (ChangeStream stream = ChangeStream.open(config)) {
 *     done = supervisor.run(loop);
 *   }                                  // the last confirmation is sent here
 *   supervisor.summary(done.reason(), " after ...");
 * }                                    // only now may a Ctrl-C'd JVM exit
 * }</pre>
 *
 * <p>From {@link #start} to {@link #close()}, Ctrl-C (any JVM shutdown) {@linkplain Job#stop()
 * stops} the job being {@linkplain #run run} (or the next one at once) and the shutdown waits, at
 * most {@code grace}, until the supervisor is closed: so what the job holds is committed and
 * confirmed, and its resources closed, before the JVM exits. {@link #run} runs the job on its own
 * thread; every {@code statusInterval} (null: no status lines, the job is only watched) it prints
 * the status line and asks {@code stopWhen}. Lines go to the error stream as {@code "<command>:
 * <text>"}. One thread uses it; Ctrl-C comes from the JVM's shutdown thread.
 */
public final class Supervisor implements AutoCloseable {

  private static final Duration WATCH = Duration.ofMillis(200);

  private final PrintWriter err;
  private final String command;
  private final GracefulStop hook;
  private final Observability observability;
  private volatile @Nullable Job<?> current;

  private Supervisor(PrintWriter err, String command, Duration grace, Observability observability) {
    this.err = err;
    this.command = command;
    this.observability = observability;
    this.hook = GracefulStop.install(grace, this::stopCurrent);
  }

  /** Installs the graceful Ctrl-C stop for {@code command} (e.g. {@code pgpipe replicate}). */
  public static Supervisor start(PrintWriter err, String command, Duration grace) {
    return new Supervisor(err, command, grace, Observability.off());
  }

  /**
   * As {@link #start(PrintWriter, String, Duration)}, serving {@code observability}'s endpoint
   * until {@link #close()}, which closes it: a failed job marks it given up, Ctrl-C stopping.
   */
  public static Supervisor start(
      PrintWriter err, String command, Duration grace, Observability observability) {
    return new Supervisor(err, command, grace, observability);
  }

  /** The metrics and health endpoint (off unless the command was given a metrics port). */
  public Observability observability() {
    return observability;
  }

  private void stopCurrent() {
    observability.readiness().stopping();
    Job<?> job = current;
    if (job != null) {
      job.stop();
    }
  }

  /**
   * Runs {@code job} until it returns, Ctrl-C stops it ({@link StopReason#INTERRUPTED}), or {@code
   * stopWhen} names a reason at a status tick; returns its outcome.
   *
   * @throws RuntimeException what the job failed with
   */
  public <S> Outcome<S> run(
      Job<S> job,
      @Nullable Duration statusInterval,
      Function<S, String> status,
      Function<S, @Nullable StopReason> stopWhen) {
    if (statusInterval != null && (statusInterval.isNegative() || statusInterval.isZero())) {
      throw new IllegalArgumentException("--status-interval must be > 0: " + statusInterval);
    }
    current = job;
    if (hook.requested()) {
      job.stop();
    }
    try {
      return JobRunner.run(
          job,
          command.replace(' ', '-'),
          statusInterval == null ? WATCH : statusInterval,
          stats -> {
            if (statusInterval != null) {
              print(status.apply(stats));
            }
          },
          stopWhen);
    } catch (RuntimeException e) {
      observability.readiness().gaveUp(String.valueOf(e.getMessage()));
      throw e;
    } finally {
      current = null;
    }
  }

  /** Runs {@code job} with no status lines until it returns or Ctrl-C stops it. */
  public <S> Outcome<S> run(Job<S> job) {
    return run(job, null, stats -> "", stats -> null);
  }

  /** Whether Ctrl-C (a JVM shutdown) was requested. */
  public boolean interrupted() {
    return hook.requested();
  }

  /**
   * Prints the summary: {@code "<command>: finished<rest>"} or {@code "... stopped (<why>)<rest>"}.
   */
  public void summary(StopReason reason, String rest) {
    print(reason.describe() + rest);
  }

  /** Prints {@code "<command>: <text>"} to the error stream. */
  public void print(String text) {
    err.println(command + ": " + text);
    err.flush();
  }

  /** Lets a pending shutdown proceed, or unregisters the Ctrl-C hook. */
  @Override
  public void close() {
    observability.close();
    hook.close();
  }
}
