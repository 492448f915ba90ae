package dev.pgpipe.cli.live;

import dev.pgpipe.copy.SchemaMode;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options of {@code pgpipe live} about tables, writing, reconnection and display. */
final class LiveTuning {

  @Option(
      names = "--schema-prefix",
      paramLabel = "P",
      description = "Where the tables go: [schema.]prefix, as for pgpipe load. Default: public.")
  String schemaPrefix = "";

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description = "bootstrap (default), strict or warn, as for pgpipe load.")
  String mode = "bootstrap";

  @Option(
      names = "--connections",
      paramLabel = "K",
      description = "COPY connections per table (default: ${DEFAULT-VALUE}).")
  int connections = 1;

  @Option(
      names = "--flush-ms",
      paramLabel = "MS",
      description = "Longest a row waits before it is committed (default: ${DEFAULT-VALUE}).")
  long flushMillis = 1000;

  @Option(
      names = "--status-ms",
      paramLabel = "MS",
      description = "How often the status line is redrawn (default: ${DEFAULT-VALUE}).")
  long statusMillis = 1000;

  @Option(
      names = "--reconnect-attempts",
      paramLabel = "N",
      description =
          "Reconnections tried after a drop; 0 stops instead (default: ${DEFAULT-VALUE}).")
  int reconnectAttempts = 10;

  @Option(
      names = "--reconnect-delay-ms",
      paramLabel = "MS",
      description = "First reconnection delay, doubled up to 30 s (default: ${DEFAULT-VALUE}).")
  long reconnectDelayMillis = 1000;

  @Option(
      names = "--heartbeat-s",
      paramLabel = "S",
      description = "Heartbeat interval to ask for, >= 5 s (default: the gateway's, 30 s).")
  int heartbeatSeconds;

  @Option(names = "--zstd", description = "Ask the gateway for a zstd-compressed stream.")
  boolean zstd;

  /** The schema mode, or a usage error; also checks the numbers. */
  SchemaMode schemaMode(CommandSpec spec) {
    if (connections < 1 || flushMillis < 1 || statusMillis < 1 || reconnectAttempts < 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--connections, --flush-ms and --status-ms must be > 0 and --reconnect-attempts >= 0");
    }
    if (reconnectDelayMillis < 1 || (heartbeatSeconds != 0 && heartbeatSeconds < 5)) {
      throw new ParameterException(
          spec.commandLine(), "--reconnect-delay-ms must be > 0 and --heartbeat-s >= 5");
    }
    try {
      return SchemaMode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "--mode must be bootstrap, strict or warn: " + mode, e);
    }
  }
}
