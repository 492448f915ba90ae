package dev.pgpipe.cli.sink;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.SinkConfig;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The target of {@code sink status} and {@code sink resume}: {@code --to}, else the variables. */
final class SinkTarget {

  private SinkTarget() {}

  /** The sink configuration for {@code sourceId}; a usage error when no target is named. */
  static SinkConfig config(
      CommandSpec spec, Environment environment, @Nullable String to, String sourceId) {
    if (to == null && environment.get(SinkOptions.HOST_VARIABLE).isEmpty()) {
      throw new ParameterException(spec.commandLine(), "name the target: --to URL");
    }
    SinkConfig.Builder builder = SinkConfig.fromEnvironment(environment.variables());
    if (to != null) {
      builder.url(to);
    }
    return builder.sourceId(sourceId).build();
  }

  static Database open(SinkConfig config) {
    return Database.builder()
        .settings(java.util.Objects.requireNonNull(config.connection()))
        .name("pgpipe-sink-admin")
        .maxSize(1)
        .open();
  }
}
