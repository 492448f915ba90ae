package dev.pgpipe.cli.sink;

import dev.pgpipe.cdc.StopRules;
import dev.pgpipe.cli.DurationConverter;
import dev.pgpipe.client.Ticker;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The flags that bound a long-running sink command, and how often it reports. */
final class RunLimits {

  @Option(
      names = "--idle-exit",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop when nothing was applied for this long, e.g. 5s.")
  private @Nullable Duration idleExit;

  @Option(
      names = "--max-duration",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop after this long.")
  private @Nullable Duration maxDuration;

  @Option(
      names = "--status-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Print a status line this often (default 1s).")
  private Duration statusInterval = Duration.ofSeconds(1);

  /** The stop rules of these flags (Ctrl-C is the supervisor's). */
  StopRules rules() {
    return new StopRules(() -> false, 0, idleExit, maxDuration, Ticker.SYSTEM);
  }

  Duration statusInterval() {
    if (statusInterval.isNegative() || statusInterval.isZero()) {
      throw new IllegalArgumentException("--status-interval must be > 0: " + statusInterval);
    }
    return statusInterval;
  }
}
