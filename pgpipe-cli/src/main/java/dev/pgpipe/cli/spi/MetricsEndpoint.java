package dev.pgpipe.cli.spi;

import dev.pgpipe.cli.observe.Observability;
import java.time.Duration;

/**
 * pgpipe's metrics served as {@code --metrics-port} serves them, on a free loopback port: every
 * meter of the libraries records into a Prometheus registry while it is open. For a module above
 * the command line that measures what metrics cost (a benchmark's "metrics on" leg); closing it
 * removes the registry again, so that what runs afterwards is measured without metrics.
 */
public final class MetricsEndpoint implements AutoCloseable {

  private static final String LOOPBACK = "127.0.0.1";

  private final Observability observability;

  private MetricsEndpoint(Observability observability) {
    this.observability = observability;
  }

  /**
   * Starts serving, with every meter labelled {@code command}.
   *
   * @throws IllegalStateException when no loopback port can be bound
   */
  public static MetricsEndpoint serve(String command) {
    return new MetricsEndpoint(Observability.serve(LOOPBACK, 0, command, Duration.ofSeconds(1)));
  }

  /** The port it serves {@code /metrics} on. */
  public int port() {
    return observability.port();
  }

  /** Stops serving and stops recording. */
  @Override
  public void close() {
    observability.close();
  }
}
