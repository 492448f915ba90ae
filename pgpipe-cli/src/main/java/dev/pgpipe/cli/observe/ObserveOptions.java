package dev.pgpipe.cli.observe;

import dev.pgpipe.cli.Environment;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The observability flags of every long-running command: {@code --metrics-port} (else {@code
 * PGPIPE_METRICS_PORT}; bound to {@code PGPIPE_METRICS_HOST}, default 127.0.0.1; off by default)
 * and {@code --log-format} (else {@code PGPIPE_LOG_FORMAT}; {@code text} by default).
 */
public final class ObserveOptions {

  static final String DEFAULT_HOST = "127.0.0.1";

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description = {
        "Serve /metrics (Prometheus), /health and /ready on this port",
        "(default: $PGPIPE_METRICS_PORT, else off; address $PGPIPE_METRICS_HOST or 127.0.0.1)."
      })
  private @Nullable Integer metricsPort;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description = "text (default) or json: one JSON object per line on standard error.")
  private @Nullable String logFormat;

  /**
   * Applies the log format and starts the endpoint when a port is set.
   *
   * @throws IllegalArgumentException for a bad port or log format
   * @throws IllegalStateException naming the port when it is in use
   */
  public Observability start(Environment environment, String command, Duration probeInterval) {
    LogFormat.apply(
        logFormat != null ? logFormat : environment.get("PGPIPE_LOG_FORMAT").orElse(""));
    Integer port = metricsPort != null ? metricsPort : variablePort(environment);
    if (port == null) {
      return Observability.off();
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--metrics-port must be 0..65535: " + port);
    }
    String host = environment.get("PGPIPE_METRICS_HOST").orElse(DEFAULT_HOST);
    return Observability.serve(host, port, command, probeInterval);
  }

  private static @Nullable Integer variablePort(Environment environment) {
    String text = environment.get("PGPIPE_METRICS_PORT").orElse("").strip();
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("PGPIPE_METRICS_PORT must be a port number: " + text, e);
    }
  }
}
