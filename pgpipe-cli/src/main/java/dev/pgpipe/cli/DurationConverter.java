package dev.pgpipe.cli;

import dev.pgpipe.cdc.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/**
 * Durations on the command line: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 5}
 * (seconds).
 */
public final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String text) {
    return Durations.parse(text, "the value");
  }
}
