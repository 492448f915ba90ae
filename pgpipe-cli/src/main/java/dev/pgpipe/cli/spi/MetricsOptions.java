package dev.pgpipe.cli.spi;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.observe.Observability;
import dev.pgpipe.cli.observe.ObserveOptions;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Mixin;

/**
 * The observability flags of the built-in commands ({@code --metrics-port}, {@code --log-format})
 * for a command from another module: mix it in with picocli's {@code @Mixin}, declared without a
 * value, and run the work inside {@link #start}. With a port, every meter records into a served
 * Prometheus registry for the run, so that a benchmark run both ways measures what metrics cost.
 */
public final class MetricsOptions {

  @Mixin private final ObserveOptions options = new ObserveOptions();

  private final Environment environment;

  /**
   * Options that read {@code PGPIPE_METRICS_PORT}, {@code PGPIPE_METRICS_HOST} and {@code
   * PGPIPE_LOG_FORMAT} from {@code environment}; picocli calls this through the factory of {@link
   * dev.pgpipe.cli.Main#commandLine}.
   */
  public MetricsOptions(Environment environment) {
    this.environment = environment;
  }

  /**
   * Applies the log format, serves the endpoint when a port is set, and says on {@code out} which
   * way the run goes; closing the result stops serving.
   *
   * @throws IllegalArgumentException for a bad port or log format
   * @throws IllegalStateException naming the port when it is in use
   */
  public Running start(String command, PrintWriter out) {
    Observability observe = options.start(environment, command, Duration.ofSeconds(1));
    out.println(
        observe.enabled()
            ? "metrics: on, served on port " + observe.port() + " (compare with a run without)"
            : "metrics: off (--metrics-port 0 measures with them on)");
    out.flush();
    return observe::close;
  }

  /** A run's metrics endpoint, or none; {@link #close} stops serving. */
  @FunctionalInterface
  public interface Running extends AutoCloseable {
    @Override
    void close();
  }
}
