package dev.pgpipe.bench;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.observe.Observability;
import dev.pgpipe.cli.observe.ObserveOptions;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * A benchmark run with or without pgpipe's metrics, as a command runs with or without {@code
 * --metrics-port}: with them, every meter records into a served Prometheus registry, so that
 * running a benchmark both ways measures what the metrics cost.
 */
public final class Metered {

  private Metered() {}

  /** Starts the endpoint when the options ask for it, and says which way the run goes. */
  public static Observability start(ObserveOptions options, String command, PrintWriter out) {
    Observability observe = options.start(Environment.system(), command, Duration.ofSeconds(1));
    out.println(
        observe.enabled()
            ? "metrics: on, served on port " + observe.port() + " (compare with a run without)"
            : "metrics: off (--metrics-port 0 measures with them on)");
    out.flush();
    return observe;
  }
}
